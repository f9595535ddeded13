import * as tf from '@tensorflow/tfjs-core';

/**
 * A copy of some variables' values. Cloning shares the data until the variable is next assigned, so taking a
 * snapshot costs no copy.
 */
export class Snapshot {
  private readonly values: tf.Tensor[];

  constructor(variables: readonly tf.Variable[]) {
    this.values = variables.map((v) => tf.keep(tf.clone(v)));
  }

  /** Assigns the saved values back to `variables` (the same list, in the same order). */
  restore(variables: readonly tf.Variable[]): void {
    variables.forEach((v, i) => {
      v.assign(this.values[i] as tf.Tensor);
    });
  }

  dispose(): void {
    for (const t of this.values) t.dispose();
  }
}

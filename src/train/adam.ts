import * as tf from '@tensorflow/tfjs-core';

/** Hyper-parameters of {@link AdamW}. */
export interface AdamOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled weight decay (AdamW): every step multiplies each weight by `1 - lr · weightDecay`. */
  readonly weightDecay: number;
}

/**
 * Adam with decoupled weight decay, keeping its moments as two flat vectors over all variables: one update is
 * a handful of large ops instead of a dozen small ops per variable, which matters on backends whose per-op
 * overhead rivals the arithmetic of a small model.
 */
export class AdamW {
  private readonly variables: readonly tf.Variable[];
  private readonly sizes: number[];
  private readonly options: AdamOptions;
  private m: tf.Variable;
  private v: tf.Variable;
  private t = 0;

  constructor(variables: readonly tf.Variable[], options: AdamOptions) {
    this.variables = variables;
    this.options = options;
    this.sizes = variables.map((x) => x.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = zerosVariable(total);
    this.v = zerosVariable(total);
  }

  /**
   * Applies one update from `flatGrad` (all gradients, flattened and concatenated in variable order),
   * multiplied by `gradScale` (the clipping factor).
   */
  apply(flatGrad: tf.Tensor1D, gradScale: number, learningRate: number): void {
    this.t += 1;
    const { beta1, beta2, epsilon, weightDecay } = this.options;
    const correction = Math.sqrt(1 - beta2 ** this.t);
    const lrT = (learningRate * correction) / (1 - beta1 ** this.t);
    const epsT = epsilon * correction;
    tf.tidy(() => {
      const g = gradScale === 1 ? flatGrad : tf.mul(flatGrad, gradScale);
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2));
      this.m.assign(m);
      this.v.assign(v);
      const update = tf.div(tf.mul(m, lrT), tf.add(tf.sqrt(v), epsT));
      const parts = this.variables.length === 1 ? [update] : tf.split(update, this.sizes);
      this.variables.forEach((variable, i) => {
        const delta = tf.reshape(parts[i] as tf.Tensor, variable.shape);
        const decayed = weightDecay > 0 ? tf.mul(variable, 1 - learningRate * weightDecay) : variable;
        variable.assign(tf.sub(decayed, delta));
      });
    });
  }

  /** Forgets the moments (after a rollback, so that stale statistics do not steer the next steps). */
  reset(): void {
    this.t = 0;
    tf.tidy(() => {
      this.m.assign(tf.zerosLike(this.m));
      this.v.assign(tf.zerosLike(this.v));
    });
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}

/** A non-trainable variable of zeros (the initial tensor is released: the variable keeps its data alive). */
function zerosVariable(size: number): tf.Variable {
  const zeros = tf.zeros([size]);
  const v = tf.variable(zeros, false);
  zeros.dispose();
  return v;
}

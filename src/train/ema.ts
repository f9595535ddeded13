import * as tf from '@tensorflow/tfjs-core';
import { assignFilled, peekValues } from '../tf/host.js';

/**
 * An exponential moving average of some variables. The decay ramps up as `min(decay, (1 + t) / (10 + t))`
 * over the first updates, so that the average is not dragged towards the initial weights.
 */
export class WeightAverage {
  private readonly averages: tf.Variable[];
  private updates = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly decay: number,
  ) {
    this.averages = variables.map((v) => tf.variable(v, false));
  }

  update(): void {
    this.updates += 1;
    const d = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    tf.tidy(() => {
      const keep = tf.scalar(d);
      const take = tf.scalar(1 - d);
      this.variables.forEach((v, i) => {
        const a = this.averages[i] as tf.Variable;
        a.assign(tf.add(tf.mul(a, keep), tf.mul(v, take)));
      });
    });
  }

  /** Writes the averages into the variables (the caller keeps a snapshot of the raw values if it needs them). */
  apply(): void {
    this.variables.forEach((v, i) => {
      v.assign(this.averages[i] as tf.Variable);
    });
  }

  /** Restarts the average from the variables' current values (after a rollback). */
  reset(): void {
    this.updates = 0;
    this.variables.forEach((v, i) => {
      (this.averages[i] as tf.Variable).assign(v);
    });
  }

  dispose(): void {
    for (const a of this.averages) a.dispose();
  }
}

/**
 * The same average as {@link WeightAverage}, kept in host memory and updated in plain JavaScript, for the
 * backends that keep tensors there (cpu, wasm): no kernel per variable and step.
 */
export class HostWeightAverage {
  private averages: Float32Array[];
  private updates = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly decay: number,
  ) {
    this.averages = this.read();
  }

  /** Moves the average towards the variables' values (read in place), right after an optimiser step. */
  update(): void {
    this.updates += 1;
    const d = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    this.variables.forEach((v, i) => {
      moveTowards(this.averages[i] as Float32Array, peekValues(v), d);
    });
  }

  /** Writes the averages into the variables (the caller keeps a snapshot of the raw values if it needs them). */
  apply(): void {
    this.variables.forEach((v, i) => {
      assignFilled(v, (values) => values.set(this.averages[i] as Float32Array));
    });
  }

  /** Restarts the average from the variables' current values (after a rollback). */
  reset(): void {
    this.updates = 0;
    this.averages = this.read();
  }

  dispose(): void {}

  private read(): Float32Array[] {
    return this.variables.map((v) => (v.dataSync() as Float32Array).slice());
  }
}

/** `a ← d·a + (1 − d)·x`, in a function of its own: in a closure over `d` the loop ran at half the speed. */
function moveTowards(a: Float32Array, x: Float32Array, d: number): void {
  const e = 1 - d;
  for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) * d + (x[k] as number) * e;
}

import * as tf from '@tensorflow/tfjs-core';
import type { Points } from '../../src/data/points.js';
import { Rng } from '../../src/data/rng.js';
import type { TrainableModel } from '../../src/train/engine.js';

/**
 * A diagonal Gaussian with a learnable mean and log-std: the smallest model whose NLL the engine can train,
 * with a known optimum (the data's mean and standard deviation). `poisoned` makes the next loss NaN.
 */
export class GaussianModel implements TrainableModel {
  readonly mean: tf.Variable;
  readonly logStd: tf.Variable;
  readonly variables: tf.Variable[];
  poisoned = false;

  constructor(dim: number) {
    this.mean = tf.variable(tf.zeros([dim]));
    this.logStd = tf.variable(tf.zeros([dim]));
    this.variables = [this.mean, this.logStd];
  }

  loss(batch: tf.Tensor2D): tf.Scalar {
    const z = tf.mul(tf.sub(batch, this.mean), tf.exp(tf.neg(this.logStd)));
    const nll = tf.add(tf.mul(tf.sum(tf.square(z), 1), 0.5), tf.sum(this.logStd));
    const mean = tf.mean(nll) as tf.Scalar;
    if (!this.poisoned) return mean;
    this.poisoned = false;
    return tf.mul(mean, Number.NaN) as tf.Scalar;
  }

  values(): { mean: number[]; logStd: number[] } {
    return { mean: Array.from(this.mean.dataSync()), logStd: Array.from(this.logStd.dataSync()) };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** `count` 2-D points, coordinate j normal with mean 0.3 + 0.2 j and std 0.05, seeded. */
export function gaussianPoints(count: number, seed = 1): Points {
  const rng = new Rng(seed);
  const data = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    data[2 * i] = 0.3 + 0.05 * rng.normal();
    data[2 * i + 1] = 0.5 + 0.05 * rng.normal();
  }
  return { data, count, dim: 2 };
}

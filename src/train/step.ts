import * as tf from '@tensorflow/tfjs-core';
import type { AdamW } from './adam.js';

/** What one optimiser step measured. */
export interface StepResult {
  readonly loss: number;
  readonly gradNorm: number;
  /** False when the loss or the gradient was not finite: the weights were left untouched. */
  readonly applied: boolean;
}

/**
 * One training step: gradients of `loss` with respect to `variables`, global-norm clipping, and the update,
 * which is skipped when the loss or the gradient is not finite (so a bad batch can never write NaN into the
 * weights). Reads exactly one small tensor (the loss and the gradient norm) back from the backend.
 */
export function trainStep(
  variables: readonly tf.Variable[],
  loss: () => tf.Scalar,
  optimizer: AdamW,
  learningRate: number,
  clipNorm: number,
): StepResult {
  const { flat, stats } = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(loss, variables as tf.Variable[]);
    const flat = tf.concat(
      variables.map((v) => tf.reshape(grads[v.name] ?? tf.zerosLike(v), [-1])),
    ) as tf.Tensor1D;
    return { flat, stats: tf.stack([value, tf.sum(tf.square(flat))]) };
  });
  const [lossValue, normSq] = stats.dataSync() as Float32Array;
  stats.dispose();
  const gradNorm = Math.sqrt(normSq as number);
  const applied = Number.isFinite(lossValue) && Number.isFinite(gradNorm);
  if (applied) {
    const scale = clipNorm > 0 && gradNorm > clipNorm ? clipNorm / gradNorm : 1;
    optimizer.apply(flat, scale, learningRate);
  }
  flat.dispose();
  return { loss: lossValue as number, gradNorm, applied };
}

import * as tf from '@tensorflow/tfjs-core';
import { peekValues } from '../tf/host.js';
import { type AdamW, HostAdamW } from './adam.js';

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
 * weights). Reads exactly one small tensor (the loss and the squared gradient norm) back from the backend.
 */
export function trainStep(
  variables: readonly tf.Variable[],
  loss: () => tf.Scalar,
  optimizer: AdamW | HostAdamW,
  learningRate: number,
  clipNorm: number,
): StepResult {
  if (optimizer instanceof HostAdamW) return hostStep(variables, loss, optimizer, learningRate, clipNorm);
  const { grads, stats } = tf.tidy(() => {
    const { value, grads: named } = tf.variableGrads(loss, variables as tf.Variable[]);
    const grads = variables.map((v) => named[v.name] ?? tf.zerosLike(v));
    const normSq = tf.addN(grads.map((g) => tf.sum(tf.square(g))));
    return { grads, stats: tf.stack([value, normSq]) };
  });
  try {
    const [lossValue, normSq] = stats.dataSync() as Float32Array;
    const gradNorm = Math.sqrt(normSq as number);
    const applied = Number.isFinite(lossValue) && Number.isFinite(gradNorm);
    if (applied) {
      const scale = clipNorm > 0 && gradNorm > clipNorm ? clipNorm / gradNorm : 1;
      optimizer.apply(grads, scale, learningRate);
    }
    return { loss: lossValue as number, gradNorm, applied };
  } finally {
    stats.dispose();
    for (const g of grads) g.dispose();
  }
}

/** {@link trainStep} with the norm, the checks and the update on the host, over the gradients' values in place. */
function hostStep(
  variables: readonly tf.Variable[],
  loss: () => tf.Scalar,
  optimizer: HostAdamW,
  learningRate: number,
  clipNorm: number,
): StepResult {
  const { value, grads } = tf.tidy(() => {
    const { value, grads: named } = tf.variableGrads(loss, variables as tf.Variable[]);
    return { value, grads: variables.map((v) => named[v.name] ?? tf.zerosLike(v)) };
  });
  try {
    const lossValue = value.dataSync()[0] as number;
    let normSq = 0;
    for (const grad of grads) {
      const g = peekValues(grad);
      for (let k = 0; k < g.length; k++) normSq += (g[k] as number) ** 2;
    }
    const gradNorm = Math.sqrt(normSq);
    const applied = Number.isFinite(lossValue) && Number.isFinite(gradNorm);
    if (applied) {
      const scale = clipNorm > 0 && gradNorm > clipNorm ? clipNorm / gradNorm : 1;
      optimizer.apply(grads, scale, learningRate);
    }
    return { loss: lossValue, gradNorm, applied };
  } finally {
    value.dispose();
    for (const g of grads) g.dispose();
  }
}

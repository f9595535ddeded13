import * as tf from '@tensorflow/tfjs-core';
import { savedAt, singleDy } from './grad/helpers.js';
import { matMulGrads } from './mat-mul.js';

function checkShapes(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): void {
  if (x.rank !== 2) throw new TypeError(`dense: x must be 2-D [batch, in], got shape [${x.shape}]`);
  if (w.rank !== 2) throw new TypeError(`dense: w must be 2-D [in, out], got shape [${w.shape}]`);
  if (b.rank !== 1) throw new TypeError(`dense: b must be 1-D [out], got shape [${b.shape}]`);
  if (x.shape[1] !== w.shape[0]) {
    throw new RangeError(`dense: x has ${x.shape[1]} columns but w has ${w.shape[0]} rows`);
  }
  if (b.shape[0] !== w.shape[1]) {
    throw new RangeError(`dense: b has ${b.shape[0]} entries but w has ${w.shape[1]} columns`);
  }
}

const layer = tf.customGrad((...args) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add<tf.Tensor2D>(tf.matMul(x, w), b),
    gradFunc: (dy, saved) => {
      const g = singleDy(dy);
      const grads = matMulGrads(savedAt(saved, 0), savedAt(saved, 1), g, false, false);
      return [grads.a(), grads.b(), tf.sum(g, 0)];
    },
  };
});

/**
 * A fully connected layer, `x · w + b`, for a batch `x` of shape `[n, in]`, weights `[in, out]` and bias
 * `[out]`. It carries its own gradient, which never multiplies with transpose flags on the wasm backend:
 * there a training step of a small MLP runs 3–5× faster than with `tf.add(tf.matMul(x, w), b)` under
 * tfjs's own gradients (bench/tf.bench.ts), whichever gradients are registered.
 *
 * @throws TypeError or RangeError naming the argument when the shapes do not fit together.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { dense } from 'pointgen';
 * const x = tf.randomNormal([64, 5]) as tf.Tensor2D;
 * const w = tf.variable(tf.randomNormal([5, 32])) as tf.Variable<tf.Rank.R2>;
 * const b = tf.variable(tf.zeros([32])) as tf.Variable<tf.Rank.R1>;
 * const h = tf.relu(dense(x, w, b)); // [64, 32]
 * ```
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  checkShapes(x, w, b);
  return layer(x, w, b) as tf.Tensor2D;
}

import * as tf from '@tensorflow/tfjs-core';
import { savedAt, singleDy, unbroadcast } from './grad/helpers.js';
import { matMul, matMulGrads } from './mat-mul.js';

/**
 * An activation {@link dense} can apply inside its own gradient, which saves the separate relu kernels of a
 * training step (2–13% of an MLP's Adam step on wasm, bench/tf.bench.ts); `'linear'` is none.
 *
 * @example
 * ```ts
 * import type { DenseActivation } from 'pointgen';
 * const hidden: DenseActivation = 'relu';
 * ```
 */
export type DenseActivation = 'linear' | 'relu';

/**
 * The weights of one dense layer, `x · w + b`: `w` is `[in, out]`, `b` is `[out]`. Every model's dense layers
 * use this shape.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import type { DenseWeights } from 'pointgen';
 * const layer: DenseWeights = { w: tf.variable(tf.zeros([5, 8])), b: tf.variable(tf.zeros([8])) };
 * ```
 */
export interface DenseWeights<W extends tf.Tensor = tf.Variable, B extends tf.Tensor = W> {
  readonly w: W;
  readonly b: B;
}

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

function layer(activation: DenseActivation): (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor2D {
  return tf.customGrad((...args) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    // One fused kernel for the product, the bias and the activation; while a gradient is recorded tfjs fuses
    // only a linear layer (a relu layer runs as product, add and relu: the values of the unfused kernels).
    const out = tf.fused.matMul({ a: x, b: w, bias: b, activation }) as tf.Tensor2D;
    save(activation === 'relu' ? [x, w, out] : [x, w]);
    return {
      value: out,
      gradFunc: (dy, saved) => {
        // relu' is 1 exactly where relu's output is positive, so the output stands in for the input.
        const g = activation === 'relu' ? tf.mul(singleDy(dy), tf.step(savedAt(saved, 2))) : singleDy(dy);
        const grads = matMulGrads(savedAt(saved, 0), savedAt(saved, 1), g, false, false);
        // Not a product with a row of ones: it packs `g` on wasm, which cost more than the sum.
        return [grads.a(), grads.b(), unbroadcast(g, [g.shape[1] as number])];
      },
    };
  });
}

const linearLayer = layer('linear');
const reluLayer = layer('relu');

/**
 * A fully connected layer, `activation(x · w + b)`, for a batch `x` of shape `[n, in]`, weights `[in, out]`
 * and bias `[out]`. It carries its own gradient, which never multiplies with transpose flags on the wasm
 * backend: there a training step of a small MLP runs 3–5× faster than with `tf.add(tf.matMul(x, w), b)`
 * under tfjs's own gradients (bench/tf.bench.ts), whichever gradients are registered.
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
 * const h = dense(x, w, b, 'relu'); // [64, 32]
 * ```
 */
export function dense(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  activation: DenseActivation = 'linear',
): tf.Tensor2D {
  checkShapes(x, w, b);
  return activation === 'relu' ? reluLayer(x, w, b) : linearLayer(x, w, b);
}

/**
 * `x · w + b` for rows `x` `[n, in]` and one layer's {@link DenseWeights}, through {@link dense}; or for a stack
 * of layers (an ensemble's members), rows `[members, n, in]` with `w` `[members, in, out]` and `b`
 * `[members, 1, out]`, as one batched {@link matMul}.
 */
export function linear<T extends tf.Tensor2D | tf.Tensor3D>(x: T, layer: DenseWeights<tf.Tensor>): T {
  if (x.rank === 2) return dense(x as tf.Tensor2D, layer.w as tf.Tensor2D, layer.b as tf.Tensor1D) as T;
  return tf.add(matMul(x, layer.w), layer.b) as T;
}

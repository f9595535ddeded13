import * as tf from '@tensorflow/tfjs-core';

/**
 * `x · c` for a constant matrix `c` (a routing or spline table), with a gradient for `x` only, `dy · cᵀ`, and
 * nothing saved: a plain product saves both operands and transposes `c` again in every training step, six
 * kernels where this takes two (three without `cT`). The gradient runs after the forward pass's own tensors
 * are gone: a `c` made during the pass comes with `cT` as a function that makes the transpose anew.
 *
 * @example
 * ```ts
 * const x1 = constantProduct(z, routing.take1, routing.take1T);
 * ```
 */
export function constantProduct(
  x: tf.Tensor2D,
  c: tf.Tensor2D,
  cT?: tf.Tensor2D | (() => tf.Tensor2D),
): tf.Tensor2D {
  const f = tf.customGrad((...args) => {
    const input = args[0] as tf.Tensor2D;
    return {
      value: tf.matMul(input, c),
      gradFunc: (dy) => {
        const transposed = typeof cT === 'function' ? cT() : (cT ?? tf.transpose(c));
        return tf.matMul(dy as tf.Tensor2D, transposed);
      },
    };
  });
  return f(x) as tf.Tensor2D;
}

/**
 * `compute(...inputs)` for a piecewise-constant result (a bin's one-hot selection, an inside/outside mask):
 * its gradient is zero, and declaring so spares the training step the kernels that would work that out.
 *
 * @example
 * ```ts
 * const inside = piecewiseConstant((v) => tf.step(tf.sub(4, tf.abs(v))), v);
 * ```
 */
export function piecewiseConstant(
  compute: (...inputs: tf.Tensor[]) => tf.Tensor,
  ...inputs: tf.Tensor[]
): tf.Tensor2D {
  const f = tf.customGrad((...args) => {
    const xs = args.slice(0, inputs.length) as tf.Tensor[];
    return {
      value: compute(...xs),
      gradFunc: () => xs.map((x) => tf.zeros(x.shape)),
    };
  });
  return f(...inputs) as tf.Tensor2D;
}

/**
 * `v` clipped to `[-bound, bound]`, with the gradient of the identity. Exact where the spline uses it: values
 * beyond the bound pass the spline by (the inside mask zeroes the spline's part of their gradient).
 *
 * @example
 * ```ts
 * const vc = clipPassingGradient(v, 4);
 * ```
 */
export function clipPassingGradient(v: tf.Tensor2D, bound: number): tf.Tensor2D {
  const f = tf.customGrad((...args) => {
    const x = args[0] as tf.Tensor2D;
    return { value: tf.clipByValue(x, -bound, bound), gradFunc: (dy) => tf.clone(dy as tf.Tensor) };
  });
  return f(v) as tf.Tensor2D;
}

import * as tf from '@tensorflow/tfjs-core';
import { attrsAs, mask, savedAt, singleDy } from './helpers.js';

type Rule = (dy: tf.Tensor, saved: tf.Tensor, attrs: tf.NamedAttrMap) => tf.Tensor;

/** A one-input kernel whose derivative is written in terms of its input `x`. */
function ofInput(kernelName: string, rule: Rule): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => ({ x: () => rule(singleDy(dy), savedAt(saved, 0), attrs) }),
  };
}

/** A one-input kernel whose derivative is cheaper in terms of its output `y` (exp, tanh, sigmoid...). */
function ofOutput(kernelName: string, rule: Rule): tf.GradConfig {
  return {
    kernelName,
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => ({ x: () => rule(singleDy(dy), savedAt(saved, 0), attrs) }),
  };
}

function constant(kernelName: string, rule: (dy: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return { kernelName, gradFunc: (dy) => ({ x: () => rule(singleDy(dy)) }) };
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Piecewise-constant kernels: zero gradient almost everywhere, as in TensorFlow. */
const flat = ['Sign', 'Floor', 'Ceil', 'Round', 'Step', 'ZerosLike', 'OnesLike'].map((name) =>
  constant(name, (dy) => tf.zerosLike(dy)),
);

export const elementwiseGradients: tf.GradConfig[] = [
  constant(tf.Neg, (dy) => tf.neg(dy)),
  constant(tf.Identity, (dy) => tf.clone(dy)),
  // Straight through, as tfjs does; the cast back keeps the gradient float32 whatever x was.
  constant(tf.Cast, (dy) => tf.cast(dy, 'float32')),
  ofOutput(tf.Exp, (dy, y) => tf.mul(dy, y)),
  ofInput(tf.Expm1, (dy, x) => tf.mul(dy, tf.exp(x))),
  ofInput(tf.Log, (dy, x) => tf.div(dy, x)),
  ofInput(tf.Log1p, (dy, x) => tf.div(dy, tf.add(x, 1))),
  ofOutput(tf.Tanh, (dy, y) => tf.mul(dy, tf.sub(1, tf.square(y)))),
  ofOutput(tf.Sigmoid, (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  ofInput(tf.Softplus, (dy, x) => tf.mul(dy, tf.sigmoid(x))),
  ofInput(tf.Relu, (dy, x) => tf.mul(dy, mask(tf.greater(x, 0)))),
  ofInput(tf.Relu6, (dy, x) => tf.mul(dy, mask(tf.logicalAnd(tf.greater(x, 0), tf.less(x, 6))))),
  ofInput(tf.LeakyRelu, (dy, x, attrs) =>
    tf.where(tf.greater(x, 0), dy, tf.mul(dy, attrsAs<tf.LeakyReluAttrs>(attrs).alpha)),
  ),
  // elu(x) = exp(x) - 1 below zero, so its slope there is y + 1.
  ofOutput(tf.Elu, (dy, y) => tf.where(tf.greater(y, 0), dy, tf.mul(dy, tf.add(y, 1)))),
  ofInput(tf.Selu, (dy, x) =>
    tf.where(
      tf.greater(x, 0),
      tf.mul(dy, tf.backend_util.SELU_SCALE),
      tf.mul(dy, tf.mul(tf.exp(x), tf.backend_util.SELU_SCALEALPHA)),
    ),
  ),
  ofInput(tf.Square, (dy, x) => tf.mul(dy, tf.mul(x, 2))),
  ofOutput(tf.Sqrt, (dy, y) => tf.div(dy, tf.mul(y, 2))),
  // rsqrt(x) = x^-1/2, slope -x^-3/2 / 2 = -y^3 / 2.
  ofOutput(tf.Rsqrt, (dy, y) => tf.mul(dy, tf.mul(tf.mul(y, tf.square(y)), -0.5))),
  ofOutput(tf.Reciprocal, (dy, y) => tf.neg(tf.mul(dy, tf.square(y)))),
  ofInput(tf.Abs, (dy, x) => tf.mul(dy, tf.sign(x))),
  ofInput(tf.Erf, (dy, x) => tf.mul(dy, tf.mul(tf.exp(tf.neg(tf.square(x))), TWO_OVER_SQRT_PI))),
  ofInput(tf.Sin, (dy, x) => tf.mul(dy, tf.cos(x))),
  ofInput(tf.Cos, (dy, x) => tf.neg(tf.mul(dy, tf.sin(x)))),
  ofInput(tf.ClipByValue, (dy, x, attrs) => {
    const { clipValueMin, clipValueMax } = attrsAs<tf.ClipByValueAttrs>(attrs);
    return tf.mul(dy, mask(tf.logicalAnd(tf.greaterEqual(x, clipValueMin), tf.lessEqual(x, clipValueMax))));
  }),
  ...flat,
];

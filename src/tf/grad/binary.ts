import * as tf from '@tensorflow/tfjs-core';
import { mask, savedAt, singleDy, unbroadcast } from './helpers.js';

type Rule = (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * A broadcasting two-input kernel: each rule gives the gradient at the broadcast shape, and it is summed
 * back to its operand's shape.
 */
function broadcasting(kernelName: string, da: Rule, db: Rule): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const g = singleDy(dy);
      const a = savedAt(saved, 0);
      const b = savedAt(saved, 1);
      return { a: () => unbroadcast(da(g, a, b), a.shape), b: () => unbroadcast(db(g, a, b), b.shape) };
    },
  };
}

// d(a^b)/da = b a^(b-1); d(a^b)/db = a^b log a, taken as 0 where a <= 0 (log undefined there), as in tfjs.
const pow: tf.GradConfig = {
  kernelName: tf.Pow,
  inputsToSave: ['a', 'b'],
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const g = singleDy(dy);
    const a = savedAt(saved, 0);
    const b = savedAt(saved, 1);
    const y = savedAt(saved, 2);
    return {
      a: () => unbroadcast(tf.mul(g, tf.mul(b, tf.pow(a, tf.sub(b, 1)))), a.shape),
      b: () => {
        const logA = tf.where(tf.greater(a, 0), tf.log(a), tf.zerosLike(a));
        return unbroadcast(tf.mul(g, tf.mul(y, logA)), b.shape);
      },
    };
  },
};

const addN: tf.GradConfig = {
  kernelName: tf.AddN,
  saveAllInputs: true,
  gradFunc: (dy, saved) => Object.fromEntries(saved.map((_, i) => [String(i), () => tf.clone(singleDy(dy))])),
};

// tf.where broadcasts its three operands before the kernel runs, so all three have the output's shape.
const select: tf.GradConfig = {
  kernelName: tf.Select,
  inputsToSave: ['condition'],
  gradFunc: (dy, saved) => {
    const g = singleDy(dy);
    const condition = savedAt(saved, 0);
    return {
      condition: () => tf.zerosLike(mask(condition)),
      t: () => tf.mul(g, mask(condition)),
      e: () => tf.mul(g, mask(tf.logicalNot(condition))),
    };
  },
};

const prelu: tf.GradConfig = {
  kernelName: tf.Prelu,
  inputsToSave: ['x', 'alpha'],
  gradFunc: (dy, saved) => {
    const g = singleDy(dy);
    const x = savedAt(saved, 0);
    const alpha = savedAt(saved, 1);
    const positive = tf.greater(x, 0);
    return {
      x: () => tf.where(positive, g, tf.mul(g, alpha)),
      alpha: () => unbroadcast(tf.where(positive, tf.zerosLike(g), tf.mul(g, x)), alpha.shape),
    };
  },
};

export const binaryGradients: tf.GradConfig[] = [
  broadcasting(
    tf.Add,
    (dy) => dy,
    (dy) => dy,
  ),
  broadcasting(
    tf.Sub,
    (dy) => dy,
    (dy) => tf.neg(dy),
  ),
  broadcasting(
    tf.Multiply,
    (dy, _a, b) => tf.mul(dy, b),
    (dy, a) => tf.mul(dy, a),
  ),
  broadcasting(
    tf.RealDiv,
    (dy, _a, b) => tf.div(dy, b),
    (dy, a, b) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b))),
  ),
  // Ties go to a, as in tfjs.
  broadcasting(
    tf.Maximum,
    (dy, a, b) => tf.mul(dy, mask(tf.greaterEqual(a, b))),
    (dy, a, b) => tf.mul(dy, mask(tf.less(a, b))),
  ),
  broadcasting(
    tf.Minimum,
    (dy, a, b) => tf.mul(dy, mask(tf.lessEqual(a, b))),
    (dy, a, b) => tf.mul(dy, mask(tf.greater(a, b))),
  ),
  broadcasting(
    tf.SquaredDifference,
    (dy, a, b) => tf.mul(dy, tf.mul(tf.sub(a, b), 2)),
    (dy, a, b) => tf.mul(dy, tf.mul(tf.sub(b, a), 2)),
  ),
  pow,
  addN,
  select,
  prelu,
];

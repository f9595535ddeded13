import * as tf from '@tensorflow/tfjs-core';
import { attrsAs, mask, savedAt, singleDy } from './helpers.js';

/** `x`'s shape with the reduced axes kept as size 1, so that a reduced result broadcasts back over `x`. */
function keptShape(x: tf.Tensor, axis: number | number[]): { axes: number[]; shape: number[] } {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  return { axes, shape: x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) };
}

function spread(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): tf.Tensor {
  return tf.broadcastTo(tf.reshape(dy, keptShape(x, axis).shape), x.shape);
}

const sum: tf.GradConfig = {
  kernelName: tf.Sum,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const x = savedAt(saved, 0);
    return { x: () => spread(singleDy(dy), x, attrsAs<tf.SumAttrs>(attrs).axis) };
  },
};

const mean: tf.GradConfig = {
  kernelName: tf.Mean,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const x = savedAt(saved, 0);
    const { axis } = attrsAs<tf.MeanAttrs>(attrs);
    const count = keptShape(x, axis).axes.reduce((n, a) => n * (x.shape[a] ?? 1), 1);
    return { x: () => tf.div(spread(singleDy(dy), x, axis), count) };
  },
};

/** Max and min pass the gradient to every element equal to the extreme (all of them on ties, as in tfjs). */
function extreme(kernelName: string, axisOf: (attrs: tf.NamedAttrMap) => number | number[]): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const x = savedAt(saved, 0);
      const y = savedAt(saved, 1);
      const { shape } = keptShape(x, axisOf(attrs));
      return { x: () => tf.mul(tf.reshape(singleDy(dy), shape), mask(tf.equal(x, tf.reshape(y, shape)))) };
    },
  };
}

// softmax' · dy = y ⊙ (dy − Σ dy ⊙ y) along the softmax axis.
const softmax: tf.GradConfig = {
  kernelName: tf.Softmax,
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const y = savedAt(saved, 0);
    const g = singleDy(dy);
    const { dim } = attrsAs<tf.SoftmaxAttrs>(attrs);
    return { logits: () => tf.mul(y, tf.sub(g, tf.sum(tf.mul(g, y), dim, true))) };
  },
};

// A cumulative sum's adjoint is the cumulative sum running the other way.
const cumsum: tf.GradConfig = {
  kernelName: tf.Cumsum,
  gradFunc: (dy, _saved, attrs) => {
    const { axis, exclusive, reverse } = attrsAs<tf.CumsumAttrs>(attrs);
    return { x: () => tf.cumsum(singleDy(dy), axis, exclusive, !reverse) };
  },
};

export const reductionGradients: tf.GradConfig[] = [
  sum,
  mean,
  extreme(tf.Max, (attrs) => attrsAs<tf.MaxAttrs>(attrs).reductionIndices),
  extreme(tf.Min, (attrs) => attrsAs<tf.MinAttrs>(attrs).axis),
  softmax,
  cumsum,
];

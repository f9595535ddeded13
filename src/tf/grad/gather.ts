import * as tf from '@tensorflow/tfjs-core';
import { attrsAs, savedAt, singleDy } from './helpers.js';

/**
 * Gradient of `gather(x, indices, axis)` without batch dimensions: each slice of dy is added back to the row
 * of x it was read from. tfjs does this with UnsortedSegmentSum, which the wasm backend lacks; ScatterNd,
 * which sums repeated indices too, runs everywhere.
 */
function gatherGrad(x: tf.Tensor, indices: tf.Tensor, dy: tf.Tensor, axis: number): tf.Tensor {
  const rows = x.shape[axis] ?? 0;
  const outer = x.shape.slice(0, axis).reduce((n, d) => n * d, 1);
  const inner = x.shape.slice(axis + 1).reduce((n, d) => n * d, 1);
  const n = indices.size;
  const byIndex = tf.reshape(tf.transpose(tf.reshape(dy, [outer, n, inner]), [1, 0, 2]), [n, outer * inner]);
  const summed = tf.scatterND(tf.reshape(indices, [n, 1]), byIndex, [rows, outer * inner]);
  return tf.reshape(tf.transpose(tf.reshape(summed, [rows, outer, inner]), [1, 0, 2]), x.shape);
}

/** Batch dimensions pair x, indices and dy slice by slice along axis 0: recurse on each slice. */
function batchedGatherGrad(
  x: tf.Tensor,
  indices: tf.Tensor,
  dy: tf.Tensor,
  axis: number,
  batchDims: number,
): tf.Tensor {
  if (batchDims === 0) return gatherGrad(x, indices, dy, axis);
  const xs = tf.unstack(x);
  const is = tf.unstack(indices);
  const dys = tf.unstack(dy);
  return tf.stack(
    xs.map((xi, i) => batchedGatherGrad(xi, savedAt(is, i), savedAt(dys, i), axis - 1, batchDims - 1)),
  );
}

export const gatherGradients: tf.GradConfig[] = [
  {
    kernelName: tf.GatherV2,
    inputsToSave: ['x', 'indices'],
    gradFunc: (dy, saved, attrs) => {
      const x = savedAt(saved, 0);
      const indices = savedAt(saved, 1);
      const { axis, batchDims } = attrsAs<tf.GatherV2Attrs>(attrs);
      const parsedAxis = tf.util.parseAxisParam(axis, x.shape)[0] ?? 0;
      return {
        x: () => batchedGatherGrad(x, indices, singleDy(dy), parsedAxis, batchDims),
        indices: () => tf.zerosLike(tf.cast(indices, 'float32')),
      };
    },
  },
];

import * as tf from '@tensorflow/tfjs-core';
import { attrsAs, manyDy, savedAt, singleDy } from './helpers.js';

/** Kernels that only move values around: the gradient moves `dy` back to where each value came from. */
function ofInput(
  kernelName: string,
  inputName: string,
  rule: (dy: tf.Tensor, x: tf.Tensor, attrs: tf.NamedAttrMap) => tf.Tensor,
): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: [inputName],
    gradFunc: (dy, saved, attrs) => ({ [inputName]: () => rule(singleDy(dy), savedAt(saved, 0), attrs) }),
  };
}

const concat: tf.GradConfig = {
  kernelName: tf.Concat,
  saveAllInputs: true,
  gradFunc: (dy, saved, attrs) => {
    const axis = tf.util.parseAxisParam(attrsAs<tf.ConcatAttrs>(attrs).axis, savedAt(saved, 0).shape)[0] ?? 0;
    const parts = tf.split(
      singleDy(dy),
      saved.map((t) => t.shape[axis] ?? 0),
      axis,
    );
    return Object.fromEntries(parts.map((part, i) => [String(i), () => part]));
  },
};

const pack: tf.GradConfig = {
  kernelName: tf.Pack,
  gradFunc: (dy, _saved, attrs) => {
    const parts = tf.unstack(singleDy(dy), attrsAs<tf.PackAttrs>(attrs).axis);
    return Object.fromEntries(parts.map((part, i) => [String(i), () => part]));
  },
};

const unpack: tf.GradConfig = {
  kernelName: tf.Unpack,
  gradFunc: (dy, _saved, attrs) => ({
    value: () => tf.stack(manyDy(dy), attrsAs<tf.UnpackAttrs>(attrs).axis),
  }),
};

const splitV: tf.GradConfig = {
  kernelName: tf.SplitV,
  gradFunc: (dy, _saved, attrs) => ({ x: () => tf.concat(manyDy(dy), attrsAs<tf.SplitVAttrs>(attrs).axis) }),
};

// Tiling lays `reps[i]` copies of each axis end to end, so viewing the result as [reps0, size0, reps1,
// size1, ...] and summing the reps axes folds every copy back onto its source.
const tile = ofInput(tf.Tile, 'x', (dy, x, attrs) => {
  const { reps } = attrsAs<tf.TileAttrs>(attrs);
  const split = x.shape.flatMap((size, i) => [reps[i] ?? 1, size]);
  const repAxes = x.shape.map((_, i) => 2 * i);
  return tf.reshape(tf.sum(tf.reshape(dy, split), repAxes), x.shape);
});

const slice = ofInput(tf.Slice, 'x', (dy, x, attrs) => {
  const { begin, size } = attrsAs<tf.SliceAttrs>(attrs);
  const [start = [], length = []] = tf.slice_util.parseSliceParams(x, begin, size);
  return tf.pad(
    dy,
    start.map((s, i) => [s, (x.shape[i] ?? 0) - s - (length[i] ?? 0)]),
  );
});

// tfjs has no gradient for StridedSlice. sliceInfo resolves the masks into a begin, end and stride per
// input axis; output element `loc` came from input element `begin + loc * stride`, so the gradient scatters
// dy back to those (row-major) offsets, or simply pads it when every stride is 1.
const stridedSlice = ofInput(tf.StridedSlice, 'x', (dy, x, attrs) => {
  const a = attrsAs<tf.StridedSliceAttrs>(attrs);
  const info = tf.slice_util.sliceInfo(
    x.shape,
    a.begin,
    a.end,
    a.strides,
    a.beginMask,
    a.endMask,
    a.ellipsisMask,
    a.newAxisMask,
    a.shrinkAxisMask,
  );
  const size = tf.slice_util.computeOutShape(info.begin, info.end, info.strides);
  const dims = info.begin.map((begin, j) => ({
    begin,
    stride: info.strides[j] ?? 1,
    size: size[j] ?? 0,
    extent: x.shape[j] ?? 0,
  }));
  if (dy.size === 0) return tf.zeros(x.shape);
  if (dims.every((d) => d.stride === 1)) {
    return tf.pad(
      tf.reshape(dy, size),
      dims.map((d) => [d.begin, d.extent - d.begin - d.size]),
    );
  }
  let below = x.size;
  const offsets = dims.reduce<tf.Tensor>(
    (sum, d, j) => {
      below /= d.extent;
      const along = Int32Array.from({ length: d.size }, (_, k) => (d.begin + k * d.stride) * below);
      return tf.add(
        sum,
        tf.tensor(
          along,
          dims.map((e, k) => (k === j ? e.size : 1)),
          'int32',
        ),
      );
    },
    tf.zeros(size, 'int32'),
  );
  const flat = tf.scatterND(tf.reshape(offsets, [dy.size, 1]), tf.reshape(dy, [dy.size]), [x.size]);
  return tf.reshape(flat, x.shape);
});

export const shapeGradients: tf.GradConfig[] = [
  ofInput(tf.Reshape, 'x', (dy, x) => tf.reshape(dy, x.shape)),
  ofInput(tf.ExpandDims, 'input', (dy, x) => tf.reshape(dy, x.shape)),
  {
    kernelName: tf.Transpose,
    gradFunc: (dy, _saved, attrs) => ({
      x: () =>
        tf.transpose(
          singleDy(dy),
          tf.backend_util.getUndoAxesPermutation(attrsAs<tf.TransposeAttrs>(attrs).perm),
        ),
    }),
  },
  {
    kernelName: tf.Reverse,
    gradFunc: (dy, _saved, attrs) => ({
      x: () => tf.reverse(singleDy(dy), attrsAs<tf.ReverseAttrs>(attrs).dims),
    }),
  },
  ofInput(tf.PadV2, 'x', (dy, x, attrs) =>
    tf.slice(
      dy,
      attrsAs<tf.PadV2Attrs>(attrs).paddings.map(([before]) => before),
      x.shape,
    ),
  ),
  concat,
  pack,
  unpack,
  splitV,
  tile,
  slice,
  stridedSlice,
];

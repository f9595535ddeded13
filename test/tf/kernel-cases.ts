// One or more calls per kernel that pointgen gives a gradient for: the public op that runs the kernel, inputs
// kept away from kinks and ties (so central differences are meaningful), and which inputs to differentiate.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../src/data/rng.js';
import { type Fn, values } from './numeric.js';

export interface KernelCase {
  name: string;
  kernel: string;
  inputs: () => tf.Tensor[];
  /** Indices of the float inputs to differentiate. */
  wrt: number[];
  f: Fn;
}

let seed = 1;

/** The case's inputs, the same for the same `caseSeed` whatever ran before. */
export function makeInputs(c: KernelCase, caseSeed: number): tf.Tensor[] {
  seed = caseSeed * 1000;
  return c.inputs();
}

/** A float tensor of `shape` with values in [lo, hi], `gap` away from the points in `avoid`. */
function t(shape: number[], lo = -2, hi = 2, avoid: number[] = [], gap = 0.1): tf.Tensor {
  const rng = new Rng(seed++);
  return tf.tensor(
    values(
      rng,
      shape.reduce((a, b) => a * b, 1),
      lo,
      hi,
      avoid,
      gap,
    ),
    shape,
  );
}
const ints = (data: number[], shape?: number[]) => tf.tensor(data, shape ?? [data.length], 'int32');

function unary(kernel: string, f: Fn, lo = -2, hi = 2, avoid: number[] = [], gap = 0.1): KernelCase {
  return { name: kernel, kernel, inputs: () => [t([2, 3], lo, hi, avoid, gap)], wrt: [0], f };
}

function binary(kernel: string, f: Fn, a: () => tf.Tensor, b: () => tf.Tensor, name = kernel): KernelCase {
  return { name, kernel, inputs: () => [a(), b()], wrt: [0, 1], f };
}

const x234 = () => [t([2, 3, 4])];
const unaryCases: KernelCase[] = [
  unary('Neg', (x) => tf.neg(x)),
  unary('Identity', (x) => tf.clone(x)),
  unary('Cast', (x) => tf.cast(x, 'float32')),
  unary('Exp', (x) => tf.exp(x)),
  unary('Expm1', (x) => tf.expm1(x)),
  unary('Log', (x) => tf.log(x), 0.3, 3),
  unary('Log1p', (x) => tf.log1p(x), -0.6, 2),
  unary('Tanh', (x) => tf.tanh(x)),
  unary('Sigmoid', (x) => tf.sigmoid(x), -4, 4),
  unary('Softplus', (x) => tf.softplus(x), -4, 4),
  unary('Relu', (x) => tf.relu(x), -2, 2, [0]),
  unary('Relu6', (x) => tf.relu6(x), -2, 8, [0, 6]),
  unary('LeakyRelu', (x) => tf.leakyRelu(x, 0.3), -2, 2, [0]),
  unary('Elu', (x) => tf.elu(x), -2, 2, [0]),
  unary('Selu', (x) => tf.selu(x), -2, 2, [0]),
  unary('Square', (x) => tf.square(x)),
  unary('Sqrt', (x) => tf.sqrt(x), 0.3, 3),
  unary('Rsqrt', (x) => tf.rsqrt(x), 0.3, 3),
  unary('Reciprocal', (x) => tf.reciprocal(x), -3, 3, [0], 0.3),
  unary('Abs', (x) => tf.abs(x), -2, 2, [0]),
  unary('Erf', (x) => tf.erf(x)),
  unary('Sin', (x) => tf.sin(x)),
  unary('Cos', (x) => tf.cos(x)),
  unary('ClipByValue', (x) => tf.clipByValue(x, -1, 1), -2, 2, [-1, 1]),
  unary('Sign', (x) => tf.sign(x), -2, 2, [0]),
  unary('Floor', (x) => tf.floor(x), -2, 2, [-1, 0, 1]),
  unary('Ceil', (x) => tf.ceil(x), -2, 2, [-1, 0, 1]),
  unary('Round', (x) => tf.round(x), -2, 2, [-1.5, -0.5, 0.5, 1.5]),
  unary('Step', (x) => tf.step(x), -2, 2, [0]),
  unary('ZerosLike', (x) => tf.add(tf.zerosLike(x), x)),
  unary('OnesLike', (x) => tf.mul(tf.onesLike(x), x)),
];

const binaryCases: KernelCase[] = [
  binary(
    'Add',
    (a, b) => tf.add(a, b),
    () => t([2, 3]),
    () => t([3]),
    'Add (broadcast)',
  ),
  binary(
    'Sub',
    (a, b) => tf.sub(a, b),
    () => t([2, 1]),
    () => t([2, 3]),
    'Sub (broadcast)',
  ),
  binary(
    'Multiply',
    (a, b) => tf.mul(a, b),
    () => t([2, 3]),
    () => t([1, 3]),
  ),
  binary(
    'RealDiv',
    (a, b) => tf.div(a, b),
    () => t([2, 3]),
    () => t([3], -2, 2, [0], 0.4),
  ),
  binary(
    'Maximum',
    (a, b) => tf.maximum(a, b),
    () => t([2, 3], -2, 2, [0]),
    () => t([3], -2, 2, [0]),
  ),
  binary(
    'Minimum',
    (a, b) => tf.minimum(a, b),
    () => t([2, 3], -2, 2, [0]),
    () => t([3], -2, 2, [0]),
  ),
  binary(
    'SquaredDifference',
    (a, b) => tf.squaredDifference(a, b),
    () => t([2, 3]),
    () => t([3]),
  ),
  binary(
    'Pow',
    (a, b) => tf.pow(a, b),
    () => t([2, 3], 0.3, 2),
    () => t([3], -1.5, 1.5),
  ),
  { ...unary('Pow', (x) => tf.pow(x, 3)), name: 'Pow (scalar exponent)' },
  {
    name: 'AddN',
    kernel: 'AddN',
    inputs: () => [t([2, 3]), t([2, 3]), t([2, 3])],
    wrt: [0, 1, 2],
    f: (...xs) => tf.addN(xs),
  },
  {
    name: 'Select',
    kernel: 'Select',
    inputs: () => [tf.tensor([1, 0, 1, 0, 0, 1], [2, 3], 'bool'), t([2, 3]), t([2, 3])],
    wrt: [1, 2],
    f: (c, a, b) => tf.where(c as tf.Tensor, a as tf.Tensor, b as tf.Tensor),
  },
  binary(
    'Prelu',
    (x, alpha) => tf.prelu(x, alpha as tf.Tensor),
    () => t([2, 3], -2, 2, [0]),
    () => t([3], 0.1, 0.5),
  ),
];

const reductionCases: KernelCase[] = [
  { name: 'Sum (axis 1)', kernel: 'Sum', inputs: x234, wrt: [0], f: (x) => tf.sum(x, 1) },
  {
    name: 'Sum (all, keepDims)',
    kernel: 'Sum',
    inputs: x234,
    wrt: [0],
    f: (x) => tf.sum(x, undefined, true),
  },
  { name: 'Mean (axes 0 and 2)', kernel: 'Mean', inputs: x234, wrt: [0], f: (x) => tf.mean(x, [0, 2]) },
  { name: 'Mean (last, keepDims)', kernel: 'Mean', inputs: x234, wrt: [0], f: (x) => tf.mean(x, -1, true) },
  { name: 'Max (axis 1)', kernel: 'Max', inputs: x234, wrt: [0], f: (x) => tf.max(x, 1) },
  { name: 'Min (all)', kernel: 'Min', inputs: x234, wrt: [0], f: (x) => tf.min(x) },
  { name: 'Softmax', kernel: 'Softmax', inputs: x234, wrt: [0], f: (x) => tf.softmax(x) },
  { name: 'Cumsum', kernel: 'Cumsum', inputs: x234, wrt: [0], f: (x) => tf.cumsum(x, 1) },
  {
    name: 'Cumsum (exclusive, reverse)',
    kernel: 'Cumsum',
    inputs: x234,
    wrt: [0],
    f: (x) => tf.cumsum(x, 2, true, true),
  },
];

const shapeCases: KernelCase[] = [
  { name: 'Reshape', kernel: 'Reshape', inputs: x234, wrt: [0], f: (x) => tf.reshape(x, [6, 4]) },
  { name: 'ExpandDims', kernel: 'ExpandDims', inputs: x234, wrt: [0], f: (x) => tf.expandDims(x, 1) },
  { name: 'Transpose', kernel: 'Transpose', inputs: x234, wrt: [0], f: (x) => tf.transpose(x, [2, 0, 1]) },
  { name: 'Reverse', kernel: 'Reverse', inputs: x234, wrt: [0], f: (x) => tf.reverse(x, [1]) },
  {
    name: 'PadV2',
    kernel: 'PadV2',
    inputs: () => [t([2, 3])],
    wrt: [0],
    f: (x) =>
      tf.pad(
        x,
        [
          [1, 0],
          [0, 2],
        ],
        0.5,
      ),
  },
  {
    name: 'Concat',
    kernel: 'Concat',
    inputs: () => [t([2, 1]), t([2, 3]), t([2, 2])],
    wrt: [0, 1, 2],
    f: (...xs) => tf.concat(xs, 1),
  },
  {
    name: 'Pack',
    kernel: 'Pack',
    inputs: () => [t([2, 3]), t([2, 3])],
    wrt: [0, 1],
    f: (a, b) => tf.stack([a as tf.Tensor, b as tf.Tensor], 1),
  },
  {
    name: 'Unpack (one output unused)',
    kernel: 'Unpack',
    inputs: x234,
    wrt: [0],
    f: (x) => {
      const [first, , third] = tf.unstack(x, 1);
      return tf.add(first as tf.Tensor, tf.mul(third as tf.Tensor, 2));
    },
  },
  {
    name: 'SplitV',
    kernel: 'SplitV',
    inputs: x234,
    wrt: [0],
    // Not split(...).reverse(): the engine's tape holds that very array, and reversing it in place would
    // swap the outputs the gradient is given.
    f: (x) => {
      const [head, tail] = tf.split(x, [1, 3], 2);
      return tf.concat([tail as tf.Tensor, tf.mul(head as tf.Tensor, 3)], 2);
    },
  },
  { name: 'Tile', kernel: 'Tile', inputs: () => [t([2, 1, 3])], wrt: [0], f: (x) => tf.tile(x, [2, 3, 1]) },
  { name: 'Slice', kernel: 'Slice', inputs: x234, wrt: [0], f: (x) => tf.slice(x, [0, 1, 1], [-1, 2, 2]) },
  {
    name: 'StridedSlice (unit strides, shrink axis)',
    kernel: 'StridedSlice',
    inputs: x234,
    wrt: [0],
    f: (x) => tf.stridedSlice(x, [1, 1, 0], [2, 3, 4], [1, 1, 1], 0, 0, 0, 0, 1),
  },
  {
    name: 'StridedSlice (stride 2, negative stride)',
    kernel: 'StridedSlice',
    inputs: x234,
    wrt: [0],
    f: (x) => tf.stridedSlice(x, [1, 0, 3], [0, 3, 0], [-1, 2, -2], 0, 0, 0, 0, 0),
  },
  {
    name: 'StridedSlice (masks)',
    kernel: 'StridedSlice',
    inputs: x234,
    wrt: [0],
    f: (x) => tf.stridedSlice(x, [0, 0, 1], [0, 0, 0], [1, 1, 2], 0b011, 0b111, 0, 0, 0),
  },
  {
    name: 'GatherV2 (axis 0, repeated indices)',
    kernel: 'GatherV2',
    inputs: () => [t([5, 3]), tf.tensor([4, 1, 1, 0, 4, 4], [2, 3], 'int32')],
    wrt: [0],
    f: (x, i) => tf.gather(x, i as tf.Tensor),
  },
  {
    name: 'GatherV2 (axis 1)',
    kernel: 'GatherV2',
    inputs: () => [t([2, 4, 3]), ints([3, 0, 3])],
    wrt: [0],
    f: (x, i) => tf.gather(x, i as tf.Tensor, 1),
  },
  {
    name: 'GatherV2 (batchDims 1)',
    kernel: 'GatherV2',
    inputs: () => [t([2, 4, 3]), ints([0, 2, 3, 3], [2, 2])],
    wrt: [0],
    f: (x, i) => tf.gather(x, i as tf.Tensor, 1, 1),
  },
];

const matMulCases: KernelCase[] = [
  binary(
    'BatchMatMul',
    (a, b) => tf.matMul(a, b),
    () => t([3, 4]),
    () => t([4, 2]),
    'BatchMatMul (2-D)',
  ),
  binary(
    'BatchMatMul',
    (a, b) => tf.matMul(a, b, true, false),
    () => t([4, 3]),
    () => t([4, 2]),
    'BatchMatMul (transposeA)',
  ),
  binary(
    'BatchMatMul',
    (a, b) => tf.matMul(a, b, false, true),
    () => t([3, 4]),
    () => t([2, 4]),
    'BatchMatMul (transposeB)',
  ),
  binary(
    'BatchMatMul',
    (a, b) => tf.matMul(a, b, true, true),
    () => t([4, 3]),
    () => t([2, 4]),
    'BatchMatMul (both)',
  ),
  binary(
    'BatchMatMul',
    (a, b) => tf.matMul(a, b),
    () => t([2, 3, 4]),
    () => t([2, 4, 2]),
    'BatchMatMul (batched)',
  ),
  binary(
    'BatchMatMul',
    (a, b) => tf.matMul(a, b, false, true),
    () => t([2, 3, 4]),
    () => t([2, 4]),
    'BatchMatMul (broadcast batch)',
  ),
];

export const kernelCases: KernelCase[] = [
  ...unaryCases,
  ...binaryCases,
  ...reductionCases,
  ...shapeCases,
  ...matMulCases,
];

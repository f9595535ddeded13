import * as tf from '@tensorflow/tfjs-core';

/**
 * What of the wasm backend these kernels use: its shared-data reference count, views of its heap, and the
 * module's own product on tensors it knows by id.
 */
interface WasmBackend {
  incRef(dataId: tf.DataId): void;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } };
  dataIdNextNumber: number;
  wasm: {
    cwrap(name: string, returns: null, args: string[]): (...args: unknown[]) => void;
    tfjs: {
      registerTensor(id: number, size: number, memoryOffset: number): void;
      disposeData(id: number): void;
    };
  };
}

const originals = new Map<string, tf.KernelConfig>();
const fallback = (name: string, args: Parameters<tf.KernelFunc>[0]) =>
  (originals.get(name) as tf.KernelConfig).kernelFunc(args);

/** `Identity` as a new reference to the input's data, the way wasm's `Reshape` and the cpu backend do it. */
const identity: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return fallback(tf.Identity, args);
  (args.backend as unknown as WasmBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * The block of `x` of `size` from `begin`, copied from heap to heap in runs as long as the slice allows (one
 * run when the block is contiguous). wasm's own `Slice` (which its `SplitV` calls) first copies all of `x`
 * out of its heap (`readSync`), so every slice of a large tensor, and every part of an `Unpack` or a split,
 * costs a copy of the whole tensor, and garbage for the collector.
 */
function sliceCopy(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (tf.util.sizeFromShape(size) === 0) return out;
  // Views only after the output exists: allocating it may grow the heap, which detaches older views.
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = [...tf.util.computeStrides(x.shape), 1];
  // A run spans the axes the slice keeps whole, and the one further out that it cuts.
  let axis = rank - 1;
  while (axis > 0 && size[axis] === x.shape[axis]) axis--;
  const run = (strides[axis] as number) * (size[axis] as number);
  const index = new Array<number>(axis).fill(0);
  for (let at = 0; at < to.length; at += run) {
    let source = 0;
    for (let k = 0; k <= axis; k++)
      source += ((begin[k] as number) + (index[k] ?? 0)) * (strides[k] as number);
    to.set(from.subarray(source, source + run), at);
    for (let k = axis - 1; k >= 0; k--) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (size[k] as number)) break;
      index[k] = 0;
    }
  }
  return out;
}

const slice: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return fallback(tf.Slice, args);
  const attrs = args.attrs as unknown as tf.SliceAttrs;
  const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size) as [number[], number[]];
  return sliceCopy(args.backend as unknown as WasmBackend, x, begin, size);
};

const splitV: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return fallback(tf.SplitV, args);
  const attrs = args.attrs as unknown as tf.SplitVAttrs;
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0] as number;
  const sizes = tf.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
  const begin = x.shape.map(() => 0);
  return sizes.map((extent) => {
    const size = x.shape.map((e, k) => (k === axis ? extent : e));
    const part = sliceCopy(args.backend as unknown as WasmBackend, x, [...begin], size);
    begin[axis] = (begin[axis] as number) + extent;
    return part;
  });
};

const unpack: tf.KernelFunc = (args) => {
  const value = args.inputs.value as tf.TensorInfo;
  const axis = tf.util.parseAxisParam((args.attrs as unknown as tf.UnpackAttrs).axis, value.shape)[0];
  if (axis !== 0 || value.dtype === 'string') return fallback(tf.Unpack, args);
  const backend = args.backend as unknown as WasmBackend;
  const size = [1, ...value.shape.slice(1)];
  return Array.from({ length: value.shape[0] as number }, (_, i) => {
    const part = sliceCopy(backend, value, [i, ...size.slice(1).map(() => 0)], size);
    return { ...part, shape: value.shape.slice(1) };
  });
};

/**
 * `Tile` (and so `broadcastTo`, which the gradient of every sum uses) as copies of whole rows of the last axis
 * from heap to heap: wasm's own visits the output element by element, about 90 ns each (11 ms to spread one
 * row over `[4, 513, 64]`, where a broadcast product takes 1.8).
 */
const tile: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  const reps = (args.attrs as unknown as tf.TileAttrs).reps;
  if (x.dtype === 'string' || x.shape.length === 0 || reps.length !== x.shape.length) {
    return fallback(tf.Tile, args);
  }
  const backend = args.backend as unknown as WasmBackend;
  const rank = x.shape.length;
  const shape = x.shape.map((extent, k) => extent * (reps[k] as number));
  const out = backend.makeOutput(shape, x.dtype);
  if (tf.util.sizeFromShape(shape) === 0) return out;
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const width = x.shape[rank - 1] as number;
  const copies = reps[rank - 1] as number;
  const strides = tf.util.computeStrides(x.shape);
  const index = new Array<number>(rank - 1).fill(0);
  let source = 0;
  for (let at = 0; at < to.length; at += width * copies) {
    if (width === 1) to.fill(from[source] as number, at, at + copies);
    else for (let c = 0; c < copies; c++) to.set(from.subarray(source, source + width), at + c * width);
    // The next output row, and the input row it repeats.
    for (let k = rank - 2; k >= 0; k--) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (shape[k] as number)) break;
      index[k] = 0;
    }
    source = 0;
    for (let k = 0; k < rank - 1; k++) {
      source += ((index[k] as number) % (x.shape[k] as number)) * (strides[k] as number);
    }
  }
  return out;
};

/**
 * Batches of at most this many products run as one 2-D product each: wasm's product of a batch takes a slow
 * path (about 2 GFLOP/s against 20–25 for the same products one by one; bench/tf.bench.ts prints both), so a
 * few products of large matrices (an ensemble's members) gain ten-fold, while many tiny ones (attention over
 * five positions) are cheaper as the one slow call.
 */
const MAX_SPLIT_PRODUCTS = 32;

/** The module's 2-D product, bound once per wasm module (a new backend instance brings a new module). */
const moduleProducts = new WeakMap<object, (...args: unknown[]) => void>();
const PRODUCT_ARGUMENTS = [
  'number',
  'array',
  'number',
  'number',
  'array',
  'number',
  'number',
  'number',
  'number',
];

/** The entry of `shape`'s batch axes that output batch entry `i` (row-major over `outer`) reads, broadcasting. */
function batchIndex(i: number, outer: number[], shape: readonly number[]): number {
  const batch = shape.slice(0, -2);
  let index = 0;
  let rest = i;
  let stride = 1;
  for (let k = outer.length - 1; k >= 0; k--) {
    const size = outer[k] as number;
    const position = rest % size;
    rest = Math.floor(rest / size);
    const own = batch[k - (outer.length - batch.length)];
    if (own !== undefined) {
      if (own > 1) index += position * stride;
      stride *= own;
    }
  }
  return index;
}

/**
 * A batch of products without transposes as one 2-D product of the module per batch entry, each reading and
 * writing its matrices where they lie in the heap (registered as tensors of their own for the call): no
 * slice, copy or concat, and the values of the same products taken one by one.
 */
const batchMatMul: tf.KernelFunc = (args) => {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.BatchMatMulAttrs;
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const count = outer.reduce((x, y) => x * y, 1);
  const [n, k] = a.shape.slice(-2) as [number, number];
  const m = b.shape[b.shape.length - 1] as number;
  const plain = !attrs.transposeA && !attrs.transposeB && a.dtype === 'float32' && b.dtype === 'float32';
  if (
    !plain ||
    count <= 1 ||
    count > MAX_SPLIT_PRODUCTS ||
    n * k * m === 0 ||
    b.shape[b.shape.length - 2] !== k
  ) {
    return fallback(tf.BatchMatMul, args);
  }
  const backend = args.backend as unknown as WasmBackend;
  let moduleProduct = moduleProducts.get(backend.wasm);
  if (!moduleProduct) {
    moduleProduct = backend.wasm.cwrap(tf.BatchMatMul, null, PRODUCT_ARGUMENTS);
    moduleProducts.set(backend.wasm, moduleProduct);
  }
  const out = backend.makeOutput([...outer, n, m], 'float32');
  const at = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;
  const [aAt, bAt, outAt] = [at(a), at(b), at(out)];
  const matrix = (offset: number, size: number) => {
    const id = backend.dataIdNextNumber++;
    backend.wasm.tfjs.registerTensor(id, size, offset);
    return id;
  };
  const shape = (rows: number, columns: number) => new Uint8Array(new Int32Array([1, rows, columns]).buffer);
  const [aShape, bShape] = [shape(n, k), shape(k, m)];
  for (let i = 0; i < count; i++) {
    const ai = matrix(aAt + 4 * batchIndex(i, outer, a.shape) * n * k, n * k);
    const bi = matrix(bAt + 4 * batchIndex(i, outer, b.shape) * k * m, k * m);
    const oi = matrix(outAt + 4 * i * n * m, n * m);
    moduleProduct(ai, aShape, 3, bi, bShape, 3, false, false, oi);
    // Forgets the ids (and any operator cached for them) without freeing: the memory is the tensors'.
    for (const id of [ai, bi, oi]) backend.wasm.tfjs.disposeData(id);
  }
  return out;
};

const REPLACEMENTS: Record<string, tf.KernelFunc> = {
  [tf.Identity]: identity,
  [tf.Slice]: slice,
  [tf.SplitV]: splitV,
  [tf.Unpack]: unpack,
  [tf.BatchMatMul]: batchMatMul,
  [tf.Tile]: tile,
};

/**
 * Marks the kernel configs this module registers, for every copy of pointgen in the process (an app that loads
 * both the ESM and the CJS build has two, sharing tfjs's registry): a copy that took another's lean kernel for
 * wasm's own would wrap it, and the two would then fall back on each other without end.
 */
const LEAN = Symbol.for('pointgen.leanWasmKernel');

const isLean = (config: tf.KernelConfig | undefined) => config !== undefined && LEAN in config;

/**
 * Replaces six wasm kernels that do more work than they must, and says whether it did: `Identity` shares
 * its input's data (tfjs runs one for every tensor a gradient saves, 340 in a transformer training step, and
 * wasm's copies each; tensors are immutable, so a shared reference gives the same values, as on the cpu
 * backend); `Slice`, `SplitV` and `Unpack` copy only the blocks they return; `Tile` copies whole rows; a
 * batch of products runs as 2-D products in place. Values are unchanged. Idempotent; without a registered
 * wasm backend it does nothing.
 *
 * @example
 * ```ts
 * const replaced = useLeanWasmKernels(); // true once the wasm backend is registered
 * ```
 */
export function useLeanWasmKernels(): boolean {
  // Every product on wasm asks (src/tf/mat-mul.ts): once they are in place, one lookup answers.
  if (isLean(tf.getKernel(tf.BatchMatMul, 'wasm'))) return true;
  for (const [name, kernelFunc] of Object.entries(REPLACEMENTS)) {
    const registered = tf.getKernel(name, 'wasm');
    if (registered === undefined) return false;
    if (isLean(registered)) continue;
    originals.set(name, registered);
    tf.unregisterKernel(name, 'wasm');
    // The original's set-up (wasm's product binds its module function there) runs for the fallback.
    const { setupFunc } = registered;
    const config: tf.KernelConfig & Record<symbol, boolean> = {
      kernelName: name,
      backendName: 'wasm',
      kernelFunc,
      ...(setupFunc ? { setupFunc } : {}),
      [LEAN]: true,
    };
    tf.registerKernel(config);
  }
  return true;
}

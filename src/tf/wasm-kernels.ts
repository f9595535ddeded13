import * as tf from '@tensorflow/tfjs-core';

/** What of the wasm backend these kernels use: its shared-data reference count and views of its heap. */
interface WasmBackend {
  incRef(dataId: tf.DataId): void;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
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
 * A contiguous block of `x` (`size` from `begin`) copied from heap to heap, or `null` when it is not one
 * block. wasm's own `Slice` first copies all of `x` out of its heap (`readSync`), so a slice of a large
 * tensor, and every part of an `Unpack`, costs a copy of the whole tensor.
 */
function blockCopy(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]) {
  if (x.dtype === 'string' || !tf.slice_util.isSliceContinous(x.shape, begin, size)) return null;
  const out = backend.makeOutput(size, x.dtype);
  // Views only after the output exists: allocating it may grow the heap, which detaches older views.
  const offset = tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
  const from = backend.typedArrayFromHeap(x);
  backend.typedArrayFromHeap(out).set(from.subarray(offset, offset + tf.util.sizeFromShape(size)));
  return out;
}

const slice: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  const attrs = args.attrs as unknown as tf.SliceAttrs;
  const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size) as [number[], number[]];
  return blockCopy(args.backend as unknown as WasmBackend, x, begin, size) ?? fallback(tf.Slice, args);
};

const unpack: tf.KernelFunc = (args) => {
  const value = args.inputs.value as tf.TensorInfo;
  const axis = tf.util.parseAxisParam((args.attrs as unknown as tf.UnpackAttrs).axis, value.shape)[0];
  if (axis !== 0 || value.dtype === 'string') return fallback(tf.Unpack, args);
  const backend = args.backend as unknown as WasmBackend;
  const size = [1, ...value.shape.slice(1)];
  return Array.from({ length: value.shape[0] as number }, (_, i) => {
    const part = blockCopy(backend, value, [i, ...size.slice(1).map(() => 0)], size) as tf.TensorInfo;
    return { ...part, shape: value.shape.slice(1) };
  });
};

const REPLACEMENTS: Record<string, tf.KernelFunc> = {
  [tf.Identity]: identity,
  [tf.Slice]: slice,
  [tf.Unpack]: unpack,
};

/**
 * Replaces three wasm kernels that copy more than they must, and says whether it did: `Identity` shares its
 * input's data (tfjs runs one for every tensor a gradient saves, 340 in a transformer training step, and
 * wasm's copies each; tensors are immutable, so a shared reference gives the same values, as on the cpu
 * backend), and `Slice` and `Unpack` copy only the block they return. Values are unchanged. Idempotent;
 * without a registered wasm backend it does nothing.
 *
 * @example
 * ```ts
 * const replaced = useLeanWasmKernels(); // true once the wasm backend is registered
 * ```
 */
export function useLeanWasmKernels(): boolean {
  for (const [name, kernelFunc] of Object.entries(REPLACEMENTS)) {
    const registered = tf.getKernel(name, 'wasm');
    if (registered === undefined) return false;
    if (registered.kernelFunc === kernelFunc) continue;
    originals.set(name, registered);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
  }
  return true;
}

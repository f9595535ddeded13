import * as tf from '@tensorflow/tfjs-core';

/** Backends that keep tensors in host memory, where reading values back costs a copy and no device sync. */
const HOST_BACKENDS = new Set(['cpu', 'wasm']);

/**
 * Whether the active backend keeps its tensors in host memory (cpu, wasm): there, work made of many tiny
 * kernels (a spline, attention over a few positions, the optimiser) is cheaper as plain JavaScript over
 * read-back values than as kernel launches, each of which costs more than its arithmetic.
 *
 * @example
 * ```ts
 * const path = onHostBackend() ? 'JavaScript' : 'kernels';
 * ```
 */
export function onHostBackend(): boolean {
  return HOST_BACKENDS.has(tf.getBackend());
}

/** What of the wasm backend the heap views use. */
interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
  disposeData(dataId: tf.DataId): boolean;
  dataIdMap: { has(dataId: tf.DataId): boolean };
}

/** The active backend when it is wasm and holds `t`'s data, else `null`. */
function heapOf(t?: tf.TensorInfo): HeapBackend | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as HeapBackend;
  return t === undefined || backend.dataIdMap.has(t.dataId) ? backend : null;
}

/**
 * The values of a float32 tensor, read only, without a copy where the backend allows: on wasm a view of its
 * heap, elsewhere `dataSync()`. Every copy read back is garbage the collector must sweep, and a training step
 * read back about 13 MB of them. The view holds until the next tensor is made (a growing heap detaches it):
 * peek, compute, then make tensors, or peek inside {@link tensorFilled}'s `fill`.
 *
 * @throws {TypeError} for a tensor that is not float32.
 *
 * @example
 * ```ts
 * const norm = Math.hypot(...peekValues(x));
 * ```
 */
export function peekValues(t: tf.Tensor): Float32Array {
  // A view of another dtype's bytes as floats would read garbage without a word.
  if (t.dtype !== 'float32') throw new TypeError(`peekValues: expected a float32 tensor, got ${t.dtype}`);
  const heap = heapOf(t);
  return (heap ? heap.typedArrayFromHeap(t) : t.dataSync()) as Float32Array;
}

/**
 * A float32 tensor of `shape` whose values `fill` writes: on wasm straight into its heap (no array to copy in
 * and collect), elsewhere into a new array the tensor keeps. `fill` runs once the tensor's memory exists, so
 * views taken inside it by {@link peekValues} stay valid; it must not make tensors.
 *
 * @example
 * ```ts
 * const doubled = tensorFilled(x.shape, (out) => {
 *   const values = peekValues(x);
 *   for (let i = 0; i < out.length; i++) out[i] = 2 * (values[i] as number);
 * });
 * ```
 */
export function tensorFilled<R extends tf.Rank>(
  shape: tf.ShapeMap[R],
  fill: (values: Float32Array) => void,
): tf.Tensor<R> {
  const heap = heapOf();
  if (!heap) {
    const values = new Float32Array(tf.util.sizeFromShape(shape));
    fill(values);
    return tf.tensor(values, shape, 'float32') as tf.Tensor<R>;
  }
  const info = heap.makeOutput([...shape], 'float32');
  try {
    fill(heap.typedArrayFromHeap(info) as Float32Array);
  } catch (error) {
    heap.disposeData(info.dataId);
    throw error;
  }
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}

/**
 * Gives `variable` new values that `fill` writes (as {@link tensorFilled}; `fill` may peek at the variable's
 * current values, which stay in place until it returns).
 *
 * @example
 * ```ts
 * const w = tf.variable(tf.ones([3]));
 * assignFilled(w, (out) => out.fill(0.5)); // w is [0.5, 0.5, 0.5]
 * ```
 */
export function assignFilled(variable: tf.Variable, fill: (values: Float32Array) => void): void {
  const next = tensorFilled(variable.shape, fill);
  variable.assign(next);
  next.dispose();
}

import * as tf from '@tensorflow/tfjs-core';

/** The wasm backend's reference count of shared tensor data, which its own `Reshape` uses. */
interface SharingBackend {
  incRef(dataId: tf.DataId): void;
}

let original: tf.KernelConfig | undefined;

/** `Identity` as a new reference to the input's data, the way wasm's `Reshape` and the cpu backend do it. */
const sharedIdentity: tf.KernelConfig = {
  kernelName: tf.Identity,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === 'string' && original) return original.kernelFunc(args);
    (args.backend as unknown as SharingBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
};

/**
 * Makes the wasm backend's `Identity` share its input's data rather than copy it, and says whether it does.
 * tfjs runs an `Identity` for every tensor a gradient saves (340 in a transformer training step), and wasm's
 * copies each one into fresh heap memory; tensors are immutable, so a shared reference gives the same values,
 * as on the cpu backend. Idempotent; without a registered wasm backend it does nothing.
 *
 * @example
 * ```ts
 * const shared = shareWasmIdentity(); // true once the wasm backend is registered
 * ```
 */
export function shareWasmIdentity(): boolean {
  const registered = tf.getKernel(tf.Identity, 'wasm');
  if (registered === sharedIdentity) return true;
  if (registered === undefined) return false;
  original = registered;
  tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel(sharedIdentity);
  return true;
}

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/** The backends every model test runs on. */
export const BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

/** How many tensors the engine has ever created (to prove that something created none). */
export function tensorsCreated(): number {
  return (tf.engine().constructor as unknown as { nextTensorId: number }).nextTensorId;
}

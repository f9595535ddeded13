// Backends for tests that must hold on each of them: `describe.each(BACKENDS)('%s', (b) => { useBackend(b); ... })`.
// The backends differ in ways that matter to training (wasm lacks some kernels, e.g. UnsortedSegmentSum, and
// multiplies with transpose flags ~10× slower), so tfjs code in pointgen is tested on both.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll } from 'vitest';

export const BACKENDS = ['cpu', 'wasm'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Makes `name` the active backend (awaiting wasm's start-up); throws if it cannot start. */
export async function setBackend(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name)) || tf.getBackend() !== name) {
    throw new Error(`test backend '${name}' failed to initialise`);
  }
}

/** Switches to `name` before the tests of the enclosing `describe` run. */
export function useBackend(name: BackendName): void {
  beforeAll(() => setBackend(name));
}

/** Runs `fn` on backend `name`, then switches back to the backend that was active. */
export async function withBackend<T>(name: BackendName, fn: () => T | Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  await setBackend(name);
  try {
    return await fn();
  } finally {
    await tf.setBackend(previous);
  }
}

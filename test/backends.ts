// The one backend helper of the tests: `describe.each(BACKENDS)('… on %s', (b) => { useBackend(b); … })`.
// The backends differ in ways that matter to training (wasm lacks some kernels, e.g. UnsortedSegmentSum, and
// multiplies with transpose flags ~10× slower), so tfjs code in pointgen is tested on both. A backend that
// cannot start skips its tests (reported as skipped, never passed silently).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, beforeEach } from 'vitest';

export const BACKENDS = ['cpu', 'wasm'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Makes `name` the active backend (awaiting wasm's start-up); false when it cannot start. */
export async function setBackend(name: BackendName): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Switches to `name` before the tests of the enclosing `describe` run, and skips each of them when `name`
 * cannot start.
 */
export function useBackend(name: BackendName): void {
  let started = false;
  beforeAll(async () => {
    started = await setBackend(name);
  });
  beforeEach((context) => {
    if (!started) context.skip(`backend '${name}' is not available`);
  });
}

/** Runs `fn` on backend `name`, then switches back to the backend that was active. */
export async function withBackend<T>(name: BackendName, fn: () => T | Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  if (!(await setBackend(name))) throw new Error(`test backend '${name}' failed to initialise`);
  try {
    return await fn();
  } finally {
    await tf.setBackend(previous);
  }
}

/** How many tensors the engine has ever created (to prove that something created none). */
export function tensorsCreated(): number {
  return (tf.engine().constructor as unknown as { nextTensorId: number }).nextTensorId;
}

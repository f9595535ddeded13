import * as tf from '@tensorflow/tfjs-core';
import { setUpBackends } from './backends';

setUpBackends();

/** The order in which the page tries backends: the GPU first, then WebAssembly, then plain JavaScript. */
export const BACKEND_ORDER = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

/** The backend in use, and the ones passed over on the way with the reason. */
export interface BackendChoice {
  readonly name: string;
  readonly skipped: readonly string[];
}

/**
 * The WebGL renderer when it is a CPU emulation (SwiftShader, llvmpipe), else `undefined`. Training on one was
 * about 20 times slower than on the wasm backend (headless Chromium, 2 cores) and froze the page while shaders
 * compiled, so the page passes over it unless asked for webgl by name.
 */
function softwareRenderer(): string | undefined {
  const gl =
    document.createElement('canvas').getContext('webgl2') ??
    document.createElement('canvas').getContext('webgl');
  if (!gl) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer) ? renderer : undefined;
}

/**
 * Switches to the first backend of `order` that initialises (tfjs warns and returns false for one that does
 * not, e.g. webgl without any WebGL) and returns the name that tfjs reports. With more than one candidate,
 * webgl on a software renderer is passed over.
 */
export async function pickBackend(order: readonly string[] = BACKEND_ORDER): Promise<BackendChoice> {
  const skipped: string[] = [];
  for (const name of order) {
    if (name === 'webgl' && order.length > 1 && softwareRenderer()) {
      skipped.push('webgl (software renderer)');
      continue;
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { name: tf.getBackend(), skipped };
      }
    } catch {
      // A backend that throws while initialising: try the next one.
    }
    skipped.push(`${name} (failed to start)`);
  }
  throw new Error(`no TensorFlow.js backend initialised (tried ${order.join(', ')})`);
}

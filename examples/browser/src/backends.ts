// The backends the demo can run on, registered with tfjs, and where the wasm backend finds its binaries. No DOM
// here: the page (backend.ts) and the training worker (train.worker.ts) both import it.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * Tells the wasm backend where its binaries are: it fetches them at run time, and Vite copies them into the
 * build and gives their URLs. A function, not module-level code: the repository's package.json says
 * `"sideEffects": false`, so a bundler drops a module imported only for its side effects.
 */
export function setUpBackends(): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
  });
}

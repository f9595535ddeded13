import { defineConfig } from 'vite';

// Minify without the compressor, for the page and the worker alike. On a cross-origin isolated page the wasm
// backend runs threads, and it starts them from the source text of a function of the bundle (`toString()`);
// the compressor rewrites that function's `typeof _scriptDir !== 'undefined'` guard, which tfjs keeps for those
// threads, into a plain read of a variable they do not have, and `setBackend('wasm')` hangs ("e is not
// defined"). Mangling alone keeps the guard; it costs about 7 kB of the gzipped page.
const minify = { compress: false, mangle: true };

// The page imports `pointgen` by name, so Vite resolves it as it would in a user's app: through the package's
// `exports` map (a self-reference from inside this repository) to the ESM build in `dist/`, which
// `npm run build` makes first.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { output: { minify } },
  },
  // The training worker (src/train.worker.ts) is a module worker: tfjs's wasm backend loads with `import()`.
  worker: { format: 'es', rolldownOptions: { output: { minify } } },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});

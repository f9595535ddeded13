import { defineConfig } from 'vite';

// The page imports `pointgen` by name, so Vite resolves it as it would in a user's app: through the package's
// `exports` map (a self-reference from inside this repository) to the ESM build in `dist/`, which
// `npm run build` makes first.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
  // The training worker (src/train.worker.ts) is a module worker: tfjs's wasm backend loads with `import()`.
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});

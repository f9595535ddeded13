import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

const library = {
  index: 'src/index.ts',
  metrics: 'src/metrics/index.ts',
  node: 'src/node/index.ts',
  plot: 'src/plot/index.ts',
  worker: 'src/worker/index.ts',
};

/**
 * The `pointgen` executable (package.json `bin`) is ESM only and needs a shebang (a banner would put one on
 * every file): the CommonJS build of its entry is dropped.
 */
async function finishCli(): Promise<void> {
  await rm('dist/cli.cjs', { force: true });
  const file = 'dist/cli.js';
  await writeFile(file, `#!/usr/bin/env node\n${await readFile(file, 'utf8')}`);
  await chmod(file, 0o755);
}

export default defineConfig({
  // The CLI is one more entry of the library's own build, so code splitting puts the library code it uses into
  // the chunks that dist/index.js imports too: the package holds one copy of the library, not two.
  entry: { ...library, cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: library },
  // No source maps: the build is not minified and keeps esbuild's `// src/...` markers, so a stack trace
  // already reads as the source does; the maps were 69 % of the package (2.1 MB of 3.1 MB unpacked).
  sourcemap: false,
  clean: true,
  target: 'es2022',
  splitting: true,
  treeshake: true,
  external: [/^@tensorflow\//, 'sharp', 'vega', 'vega-lite'],
  onSuccess: finishCli,
});

import { defineConfig, type Options } from 'tsup';

const library: Options = {
  entry: {
    index: 'src/index.ts',
    metrics: 'src/metrics/index.ts',
    node: 'src/node/index.ts',
    plot: 'src/plot/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: true,
  treeshake: true,
  external: [/^@tensorflow\//, 'sharp', 'vega', 'vega-lite'],
};

// The `pointgen` executable (package.json `bin`): one ESM file that bundles the library it uses.
const cli: Options = {
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  sourcemap: true,
  clean: false,
  splitting: false,
  external: library.external,
};

export default defineConfig([library, cli]);

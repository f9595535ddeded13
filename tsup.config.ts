import { defineConfig } from 'tsup';

export default defineConfig({
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
});

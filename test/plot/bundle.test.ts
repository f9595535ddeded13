// `pointgen/plot` builds plain JSON: it must load neither TensorFlow.js nor Vega, so that browser apps and
// notebooks get the specs without either.
import { expect, it } from 'vitest';
import { bundleEntry } from '../bundle-entry.js';

it('the plot entry bundles without any reference to @tensorflow or vega', async () => {
  const code = await bundleEntry('src/plot/index.ts', ['@tensorflow/*', 'vega', 'vega-lite', 'vega-*']);
  expect(code).toContain('function scatterSpec(');
  expect(code).not.toContain('@tensorflow');
  expect(code).not.toMatch(/from\s*["']vega/);
  expect(code).not.toMatch(/\bimport\s*[^(]/);
});

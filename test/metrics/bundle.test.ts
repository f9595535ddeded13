// `pointgen/metrics` must not load TensorFlow.js: bundle its entry the way a consumer's bundler would and check
// that nothing of @tensorflow is referenced, not even as an external import.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('the metrics entry bundles without any reference to @tensorflow', async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../src/metrics/index.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    logLevel: 'silent',
    // Kept as imports, so that any use shows up in the output rather than being inlined under other names.
    external: ['@tensorflow/*'],
    // Stricter than a consumer's bundler: ignore "sideEffects": false, so that even an unused import counts.
    ignoreAnnotations: true,
  });
  const code = result.outputFiles.map((f) => f.text).join('\n');
  expect(code).toContain('function mmd(');
  expect(code).not.toContain('@tensorflow');
  expect(code).not.toMatch(/\bimport\s*[^(]/);
});

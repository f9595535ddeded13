import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles a source entry the way a consumer's bundler would, keeping `external` packages as imports (so that
 * any use of them shows up in the output rather than being inlined under other names) and ignoring
 * `"sideEffects": false` (stricter than a bundler: even an unused import counts). Returns the code.
 *
 * @param entry Path relative to the repository root, e.g. `'src/plot/index.ts'`.
 */
export async function bundleEntry(entry: string, external: string[]): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    logLevel: 'silent',
    external,
    ignoreAnnotations: true,
  });
  return result.outputFiles.map((f) => f.text).join('\n');
}

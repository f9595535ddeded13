// Bundles bundle-entry.mjs with esbuild as a browser app, then runs the same module graph in Node.
// Running the browser build itself needs a browser: in Node, tfjs-core sees `process`, picks its Node
// platform and requires `util`, which a browser build stubs out. So the run uses a second build, for
// platform node but resolving packages through their "module" (ESM) entries like the browser build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = join(dirname(fileURLToPath(import.meta.url)), 'bundle-entry.mjs');
const out = mkdtempSync(join(tmpdir(), 'pointgen-bundle-'));
try {
  const common = { entryPoints: [entry], bundle: true, format: 'esm', logLevel: 'warning', metafile: true };
  const browser = await build({ ...common, platform: 'browser', outfile: join(out, 'browser.js') });

  // One copy of tfjs-core, its ESM build: a second one (its CJS bundle too) would double it and split its state.
  const engines = Object.keys(browser.metafile.inputs).filter((f) =>
    /tfjs-core\/dist\/(engine\.js|tf-core)/.test(f),
  );
  if (engines.length !== 1 || !engines[0].endsWith('engine.js')) {
    throw new Error(
      `expected tfjs-core's ESM engine once in the bundle, found: ${engines.join(', ') || 'none'}`,
    );
  }

  await build({
    ...common,
    platform: 'node',
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    outfile: join(out, 'node.mjs'),
  });
  execFileSync(process.execPath, [join(out, 'node.mjs')], { stdio: 'inherit' });
} finally {
  rmSync(out, { recursive: true, force: true });
}

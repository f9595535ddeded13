import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from './errors.js';

/** The packages that register each TensorFlow.js backend; all optional, imported only when chosen. */
export const BACKEND_PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  webgl: '@tensorflow/tfjs-backend-webgl',
  cpu: '@tensorflow/tfjs-backend-cpu',
});

/** The names `--backend` accepts. */
export const BACKEND_NAMES: readonly string[] = Object.keys(BACKEND_PACKAGES);

/** The help lines that end the options of a command with `--backend`: that flag's, then `--help`'s. */
export const BACKEND_HELP_LINES = `  --backend NAME      cpu, wasm, webgl or tensorflow (default: the fastest installed)
  -h, --help          show this help`;

/** The order `--backend` defaults through: the fastest installed backend wins. */
export const BACKEND_PREFERENCE: readonly string[] = ['tensorflow', 'wasm', 'cpu'];

/**
 * Imports and activates `requested`, or the first backend of {@link BACKEND_PREFERENCE} that loads and
 * initialises; returns its name.
 *
 * @throws {UsageError} for an unknown name, or a requested backend that is not installed or cannot start here.
 */
export async function selectBackend(requested: string | undefined): Promise<string> {
  if (requested !== undefined) {
    const pkg = BACKEND_PACKAGES[requested];
    if (!Object.hasOwn(BACKEND_PACKAGES, requested) || pkg === undefined) {
      throw new UsageError(
        `--backend: expected one of ${Object.keys(BACKEND_PACKAGES).join(', ')}, got '${requested}'`,
      );
    }
    if (!(await load(pkg))) throw new UsageError(`--backend ${requested}: ${pkg} is not installed`);
    if (!(await activate(requested))) {
      throw new UsageError(`--backend ${requested}: the backend is installed but cannot start here`);
    }
    return requested;
  }
  for (const name of BACKEND_PREFERENCE) {
    if ((await load(BACKEND_PACKAGES[name] as string)) && (await activate(name))) return name;
  }
  throw new UsageError(
    `no TensorFlow.js backend is installed: npm install ${BACKEND_PACKAGES.wasm} (or ${BACKEND_PACKAGES.cpu})`,
  );
}

async function load(pkg: string): Promise<boolean> {
  try {
    // A variable specifier: the packages are optional, so neither tsc nor the bundler may resolve them.
    const specifier: string = pkg;
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

async function activate(name: string): Promise<boolean> {
  if (!tf.findBackendFactory(name)) return false;
  // setBackend warns on the console when a backend fails to start; the caller reports it in one line instead.
  const warn = console.warn;
  console.warn = () => {};
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok;
  } catch {
    return false;
  } finally {
    console.warn = warn;
  }
}

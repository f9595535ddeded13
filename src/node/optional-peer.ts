/**
 * Loads an optional peer dependency on first use, so that `pointgen/node` works without it until a feature
 * needs it; when it is missing, the error says which feature needs it and how to install it. `load` must be
 * a literal `() => import('name')`, which bundlers and tsup keep as a dynamic import (and which loads
 * ESM-only packages from the CommonJS build too).
 *
 * @param purpose What needs the package, e.g. `'decoding images'`.
 * @param install The packages to name in `npm install …`.
 */
export async function loadOptionalPeer<T>(
  load: () => Promise<T>,
  purpose: string,
  install: string,
): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const names = install
      .split(' ')
      .map((n) => `'${n}'`)
      .join(' and ');
    throw new Error(
      `pointgen/node: ${purpose} needs the optional peer dependenc${install.includes(' ') ? 'ies' : 'y'} ` +
        `${names}, which could not be loaded (${(e as Error).message}). Install with: npm install ${install}`,
      { cause: e },
    );
  }
}

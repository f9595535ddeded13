import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The read-only reference tree: `$POINTGEN_SHARED`, or `../shared` next to the repository. */
export const SHARED_DIR =
  process.env.POINTGEN_SHARED ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');

/** The original colored-π files (`pi_xs.npy`, `pi_ys.npy`, `sparse_pi_colored.jpg`, `points-reference.csv`). */
export const PI_QUIZ_DIR = join(SHARED_DIR, 'data', 'pi-quiz');

/** Whether the π files are here; tests that need them are skipped (with a warning) when not. */
export const HAS_PI_QUIZ = existsSync(join(PI_QUIZ_DIR, 'pi_xs.npy'));

if (!HAS_PI_QUIZ) {
  console.warn(
    `pi-quiz tests skipped: ${PI_QUIZ_DIR} not found (set POINTGEN_SHARED to the shared directory)`,
  );
}

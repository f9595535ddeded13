import { open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFolder, writeFilesAtomic } from '../io/node-fs.js';
import type { Generator } from '../models/generator.js';
import { UsageError } from './errors.js';

/**
 * Checks before any training that `--out` can receive a model folder: not an existing file, and a folder that
 * can be created and written to (tried with a small file, since permissions say nothing when running as root).
 *
 * @throws {UsageError} naming `--out` and the path.
 */
export async function checkModelOut(out: string): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (info && !info.isDirectory()) {
    throw new UsageError(`--out: ${out} is a file; expected a folder to save the model in (or a new path)`);
  }
  try {
    await makeFolder(out);
    const probe = join(out, `.pointgen-write-test-${process.pid}`);
    await (await open(probe, 'wx')).close();
    await rm(probe);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(`--out: cannot write to ${out} (${reason})`, { cause: e });
  }
}

/**
 * Saves `model` and its `history` to `out`; when that fails (a full disk, a folder gone), to a fresh folder under
 * the system's temporary folder instead, so that the training is not lost.
 *
 * @throws {UsageError} after a failed save to `out`, saying where the model went (or that both saves failed).
 */
export async function saveModel(model: Generator, history: unknown, out: string): Promise<void> {
  const save = async (dir: string) => {
    await model.save(dir);
    await writeFilesAtomic([
      { path: join(dir, 'history.json'), content: `${JSON.stringify(history, null, 2)}\n` },
    ]);
  };
  try {
    await save(out);
    return;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const fallback = join(tmpdir(), `pointgen-fit-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const second = await save(fallback).then(
      () => null,
      (again: unknown) => (again instanceof Error ? again.message : String(again)),
    );
    throw new UsageError(
      second === null
        ? `--out: ${reason}; the model was saved to ${fallback} instead`
        : `--out: ${reason}; saving to ${fallback} failed too (${second}): the model is lost`,
      { cause: e },
    );
  }
}

/**
 * Checks before any work that `--out` is not a folder (a point file is written there).
 *
 * @throws {UsageError} naming the flag and the path.
 */
export async function checkPointsOut(flag: string, out: string): Promise<void> {
  if ((await stat(out).catch(() => null))?.isDirectory()) {
    throw new UsageError(`--${flag}: ${out} is a folder; expected a .csv, .npy or .json file to write`);
  }
}

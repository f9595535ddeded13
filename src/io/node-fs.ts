import type * as Fs from 'node:fs/promises';
import type * as Path from 'node:path';
import { FormatError } from '../errors.js';

/** True when running in Node (where a plain path string means a file). */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

function builtin<T>(name: string): T {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  // getBuiltinModule (Node ≥ 20.16) reaches `fs` without an import statement, so browser bundles never see one.
  const mod = p?.getBuiltinModule?.(name);
  if (!mod) {
    throw new Error(
      `saving to a file path needs Node ≥ 20.16 (process.getBuiltinModule); pass a tf.io handler instead`,
    );
  }
  return mod as T;
}

/** Node's `fs/promises`, `fs.constants` and `path`, reached without an import statement. */
export function nodeFs(): { fs: typeof Fs; path: typeof Path; constants: typeof Fs.constants } {
  const fs = builtin<typeof Fs>('node:fs/promises');
  return { fs, path: builtin<typeof Path>('node:path'), constants: fs.constants };
}

/** A regular file opened for reading, with its size as it was when opened. */
export interface OpenedFile {
  readonly path: string;
  readonly size: number;
  readonly handle: Fs.FileHandle;
}

/**
 * Opens `path` for reading only if it is a regular file of at most `maxBytes`: checked with `stat` before the
 * open (so a FIFO or a device is never opened) and again on the handle (so a swap in between is caught). The
 * open is non-blocking, which a FIFO slipped in between could not hang either.
 *
 * @throws {FormatError} naming `path` for anything but a regular file within the limit.
 */
export async function openRegular(path: string, maxBytes: number, what: string): Promise<OpenedFile> {
  const { fs, constants } = nodeFs();
  const check = (info: { isFile(): boolean; size: number }) => {
    if (!info.isFile()) throw new FormatError(`${what} ${path} is not a regular file`);
    if (info.size > maxBytes) {
      throw new FormatError(`${what} ${path} holds ${info.size} bytes, more than the ${maxBytes} allowed`);
    }
  };
  check(await fs.stat(path));
  const handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    check(info);
    return { path, size: info.size, handle };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** Reads exactly `length` bytes of `file` from its start into `target` at `offset`, never more. */
export async function readExactly(
  file: OpenedFile,
  target: Uint8Array,
  offset: number,
  length: number,
): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.handle.read(target, offset + done, length - done, done);
    if (bytesRead === 0) throw new FormatError(`${file.path} shrank while it was read`);
    done += bytesRead;
  }
}

/** What to write to one file: its bytes or text, whole or as a sequence of chunks. */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * Writes each of `files` to a temporary name in its own folder, flushes it to disk, and only then renames them
 * over their targets, in the order given, and flushes the folders: until every temporary file is complete,
 * the targets keep their previous content; on failure the temporary files are removed.
 *
 * @throws the first error, its message naming the target path and saying that the previous file is unchanged.
 */
export async function writeFilesAtomic(
  files: readonly { path: string; content: FileContent }[],
): Promise<void> {
  const { fs, path } = nodeFs();
  const temps: string[] = [];
  let current = '';
  try {
    for (const file of files) {
      current = file.path;
      const temp = path.join(
        path.dirname(file.path),
        `.${path.basename(file.path)}.${Math.random().toString(36).slice(2, 10)}.tmp`,
      );
      temps.push(temp);
      const handle = await fs.open(temp, 'wx');
      try {
        const chunks =
          typeof file.content === 'string' || file.content instanceof Uint8Array
            ? [file.content]
            : file.content;
        for (const chunk of chunks) await handle.writeFile(chunk);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const [i, file] of files.entries()) {
      current = file.path;
      await fs.rename(temps[i] as string, file.path);
      temps[i] = '';
    }
  } catch (e) {
    await Promise.all(temps.filter((t) => t !== '').map((t) => fs.rm(t, { force: true }).catch(() => {})));
    // Node's errno messages end with the syscall and the temporary path (`EFBIG: file too large, write`).
    const message = e instanceof Error ? e.message : String(e);
    const reason = (e as NodeJS.ErrnoException).code ? message.replace(/,.*$/s, '') : message;
    throw new Error(`cannot write ${current} (${reason}); the previous file is unchanged`, { cause: e });
  }
  for (const dir of new Set(files.map((f) => path.dirname(f.path)))) await syncFolder(dir);
}

/**
 * Creates `dir` and its missing parents, like `mkdir -p`. Not `fs.mkdir(…, { recursive: true })`: in Node 20
 * that never returns for a path it cannot create under `/proc`.
 *
 * @throws an `Error` naming `dir` when it cannot be created (or is a file).
 */
export async function makeFolder(dir: string): Promise<void> {
  const { fs, path } = nodeFs();
  const make = async (d: string): Promise<void> => {
    try {
      await fs.mkdir(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const parent = path.dirname(d);
      if (code === 'ENOENT' && parent !== d) {
        await make(parent);
        await fs.mkdir(d).catch((again: NodeJS.ErrnoException) => {
          if (again.code !== 'EEXIST') throw again;
        });
      } else if (code !== 'EEXIST') throw e;
    }
    if (!(await fs.stat(d)).isDirectory()) {
      throw Object.assign(new Error(`${d} is not a folder`), { code: 'ENOTDIR' });
    }
  };
  await make(dir).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot create the folder ${dir} (${e.code ?? e.message})`, { cause: e });
  });
}

/** Flushes a folder's entries (the renames) to disk, where the platform allows opening a folder. */
async function syncFolder(dir: string): Promise<void> {
  const { fs } = nodeFs();
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the renames are then as durable as the OS makes them.
  } finally {
    await handle.close();
  }
}

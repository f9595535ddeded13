import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '../../src/errors.js';
import { loadGenerator } from '../../src/models/load-generator.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { setBackend } from '../backends.js';
import { latticePoints } from '../models/fixtures.js';

const TINY = { couplings: 2, hidden: 8, depth: 1, transform: 'affine', mixing: 'rotation' } as const;
const root = mkdtempSync(join(tmpdir(), 'pointgen-model-files-'));
let model: RealNVPGenerator;
let good: string;
let counter = 0;

/** A fresh copy of the good model folder, with `edit` applied to its parsed model.json. */
function copy(edit?: (json: Record<string, unknown> & { weightsManifest: { paths: string[] }[] }) => void) {
  const dir = join(root, `case-${counter++}`);
  execFileSync('cp', ['-r', good, dir]);
  if (edit) {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    edit(json);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  }
  return dir;
}

/** The error `loadGenerator(dir)` rejects with, and how long it took. */
async function failure(dir: string): Promise<{ error: Error; ms: number }> {
  const t0 = performance.now();
  const error = await loadGenerator(dir).then(
    () => new Error('loaded'),
    (e: Error) => e,
  );
  return { error, ms: performance.now() - t0 };
}

beforeAll(async () => {
  await setBackend('cpu');
  model = new RealNVPGenerator({ ...TINY, seed: 5 });
  good = join(root, 'good');
  await model.save(good);
});
afterAll(() => {
  model.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('an untrusted model folder gets a FormatError, in bounded time and memory', () => {
  it('weights.bin as a symbolic link to /dev/zero', async () => {
    const dir = copy();
    rmSync(join(dir, 'weights.bin'));
    symlinkSync('/dev/zero', join(dir, 'weights.bin'));
    const { error, ms } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/weights path "weights\.bin" leads out of/);
    expect(ms).toBeLessThan(2000);
  });

  it('a symbolic link to a regular file of the right size outside the folder', async () => {
    const dir = copy();
    rmSync(join(dir, 'weights.bin'));
    symlinkSync(join(good, 'weights.bin'), join(dir, 'weights.bin'));
    const { error } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/leads out of/);
  });

  it('weights.bin as a FIFO does not hang', async () => {
    const dir = copy();
    rmSync(join(dir, 'weights.bin'));
    execFileSync('mkfifo', [join(dir, 'weights.bin')]);
    const { error, ms } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/weights\.bin is not a regular file/);
    expect(ms).toBeLessThan(2000);
  });

  it('model.json as a FIFO does not hang', async () => {
    const dir = join(root, 'fifo-json');
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('mkfifo', [join(dir, 'model.json')]);
    const { error } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/model\.json is not a regular file/);
  });

  it('a sparse 1.5 GB weights.bin is refused before a byte of it is read', async () => {
    const dir = copy();
    execFileSync('truncate', ['-s', '1500M', join(dir, 'weights.bin')]);
    const rss = process.memoryUsage().rss;
    const { error, ms } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/weights\.bin holds 1572864000 bytes, more than the 268435456 allowed/);
    expect(ms).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 2 ** 20);
  });

  it('a sparse file of the size that hostile specs claim is refused unread', async () => {
    const dir = copy((json) => {
      const group = json.weightsManifest[0] as unknown as { weights: { shape: number[] }[] };
      (group.weights[0] as { shape: number[] }).shape = [1000, 1000, 1000];
    });
    execFileSync('truncate', ['-s', '4000M', join(dir, 'weights.bin')]);
    const { error, ms } = await failure(dir);
    expect(error.message).toMatch(/the weight specs need \d+ bytes, more than the 268435456 allowed/);
    expect(ms).toBeLessThan(2000);
  });

  it('a weights file of the wrong size is refused unread', async () => {
    const dir = copy();
    execFileSync('truncate', ['-s', '+4', join(dir, 'weights.bin')]);
    expect((await failure(dir)).error.message).toMatch(/hold \d+ bytes, the specs need \d+/);
  });

  it('weights.bin listed 1500 times', async () => {
    const dir = copy((json) => {
      json.weightsManifest[0] = { ...json.weightsManifest[0], paths: Array(1500).fill('weights.bin') };
    });
    const rss = process.memoryUsage().rss;
    const { error } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/weights file "weights\.bin" is listed twice/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 2 ** 20);
  });

  it.each([
    ['an absolute path', '/etc/passwd'],
    ['a parent path', '../good/weights.bin'],
    ['a Windows path', 'C:\\weights.bin'],
    ['an empty path', ''],
    ['a number', 7],
  ])('%s', async (_, path) => {
    const dir = copy((json) => {
      json.weightsManifest[0] = { ...json.weightsManifest[0], paths: [path as string] };
    });
    const { error } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/is not a file name inside the model's folder/);
  });

  it('a model.json that is a folder names the path', async () => {
    const dir = join(root, 'json-folder');
    execFileSync('mkdir', ['-p', join(dir, 'model.json')]);
    const { error } = await failure(dir);
    expect(error.message).toContain(join(dir, 'model.json'));
  });
});

describe('weights checksum', () => {
  it('one flipped exponent bit in weights.bin is a FormatError', async () => {
    const dir = copy();
    const bytes = readFileSync(join(dir, 'weights.bin'));
    bytes[7] = (bytes[7] as number) ^ 0x40;
    writeFileSync(join(dir, 'weights.bin'), bytes);
    const { error } = await failure(dir);
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/CRC-32/);
  });

  it('a file saved before the checksum existed still loads', async () => {
    const dir = copy((json) => {
      delete (json.modelTopology as Record<string, unknown>).weightsCrc32;
    });
    const loaded = await loadGenerator(dir);
    const points = latticePoints(20);
    expect(await loaded.logProb(points)).toEqual(await model.logProb(points));
    loaded.dispose();
  });
});

describe('several models in one folder', () => {
  it('dir/a.json and dir/b.json keep their own weights', async () => {
    const dir = join(root, 'two');
    const other = new RealNVPGenerator({ ...TINY, seed: 6 });
    await model.save(join(dir, 'a.json'));
    await other.save(join(dir, 'b.json'));
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'a.weights.bin', 'b.json', 'b.weights.bin']);
    const points = latticePoints(20);
    const a = await loadGenerator(join(dir, 'a.json'));
    const b = await loadGenerator(`file://${join(dir, 'b.json')}`);
    expect(await a.logProb(points)).toEqual(await model.logProb(points));
    expect(await b.logProb(points)).toEqual(await other.logProb(points));
    for (const m of [a, b, other]) m.dispose();
  });

  it('a folder keeps the tfjs layout (model.json, weights.bin)', () => {
    expect(readdirSync(good).sort()).toEqual(['model.json', 'weights.bin']);
  });
});

describe('a URL scheme nobody handles is not a folder name', () => {
  it("save('indexeddb://x') in Node is a clear error, not a folder named indexeddb:", async () => {
    try {
      await expect(model.save('indexeddb://x')).rejects.toThrow(/no tf\.io handler for indexeddb:\/\/ here/);
      expect(existsSync('indexeddb:')).toBe(false);
    } finally {
      rmSync('indexeddb:', { recursive: true, force: true });
    }
  });
});

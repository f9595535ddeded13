import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGenerator } from '../../src/models/load-generator.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { readPoints, writePoints } from '../../src/node/files.js';
import { setBackend } from '../backends.js';
import { latticePoints } from '../models/fixtures.js';

const repo = join(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'pointgen-atomic-'));

/**
 * Runs `code` (an ES module that may import from ./src) in a child Node, optionally under `ulimit -f` (in kB),
 * with a small heap when `heapMb` is given; resolves with its exit code and output.
 */
async function child(
  code: string,
  { fileLimitKb, heapMb }: { fileLimitKb?: number; heapMb?: number } = {},
): Promise<{ code: number; out: string }> {
  const heap = heapMb ? `--max-old-space-size=${heapMb}` : '';
  const limit = fileLimitKb ? `ulimit -f ${fileLimitKb}; ` : '';
  const script = `${limit}exec node ${heap} --import tsx --input-type=module -e "$CODE"`;
  return promisify(execFile)('bash', ['-c', script], { cwd: repo, env: { ...process.env, CODE: code } }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

beforeAll(async () => {
  await setBackend('cpu');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a failed save leaves the previous model loadable', () => {
  it('under a file-size limit (child process, ulimit -f 16)', async () => {
    const dir = join(root, 'model');
    const previous = new RealNVPGenerator({ couplings: 2, hidden: 8, depth: 1, seed: 5 });
    await previous.save(dir);
    const bigger = `
      import * as tf from '@tensorflow/tfjs-core';
      import '@tensorflow/tfjs-backend-cpu';
      import { RealNVPGenerator } from './src/models/realnvp/realnvp-generator.ts';
      await tf.setBackend('cpu');
      const model = new RealNVPGenerator({ couplings: 4, hidden: 128, depth: 2, seed: 1 });
      await model.save(${JSON.stringify(dir)}).then(() => console.log('SAVED'), (e) => console.log('FAILED', e.message));
    `;
    const { out } = await child(bigger, { fileLimitKb: 16 });
    expect(out).toMatch(
      /FAILED fileHandler: cannot write .*weights\.bin \(EFBIG: file too large\); the previous/,
    );
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await loadGenerator(dir);
    const points = latticePoints(30);
    expect(await loaded.logProb(points)).toEqual(await previous.logProb(points));
    loaded.dispose();
    previous.dispose();
  }, 60_000);

  it('into a folder that cannot exist (under a regular file), naming the folder', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const model = new RealNVPGenerator({ couplings: 2, hidden: 8, depth: 1 });
    await expect(model.save(join(file, 'model'))).rejects.toThrow(
      /cannot create the folder .*a-file\/model \(ENOTDIR\)/,
    );
    await expect(model.save('/proc/pointgen-model')).rejects.toThrow(/\/proc\/pointgen-model/);
    model.dispose();
  });
});

describe('writePoints', () => {
  it('under a file-size limit leaves the previous file whole (child process, ulimit -f 100)', async () => {
    const path = join(root, 'points.csv');
    const before = latticePoints(2000);
    await writePoints(path, before);
    const bytes = readFileSync(path);
    const bigger = `
      import { writePoints } from './src/node/files.ts';
      const data = new Float32Array(5 * 40000).map((_, i) => (i % 997) / 997);
      await writePoints(${JSON.stringify(path)}, { data, dim: 5 }).then(() => console.log('WROTE'), (e) => console.log('FAILED', e.message));
    `;
    const { out } = await child(bigger, { fileLimitKb: 100 });
    expect(out).toContain(`FAILED writePoints: cannot write ${path} (EFBIG: file too large)`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('points.csv'))).toEqual(['points.csv']);
    expect((await readPoints(path)).data).toEqual(before.data);
  }, 60_000);

  it('names the path when it is a folder or cannot be written', async () => {
    const points = latticePoints(3);
    const folder = join(root, 'folder.csv');
    mkdirSync(folder);
    await expect(writePoints(folder, points)).rejects.toThrow(`cannot write ${folder} (EISDIR`);
    await expect(writePoints('/proc/pointgen-points.csv', points)).rejects.toThrow(
      'cannot write /proc/pointgen-points.csv',
    );
  });

  it('streams a large CSV instead of building one string (250 000 points in a 20 MB heap)', async () => {
    const path = join(root, 'large.csv');
    const code = `
      import { writePoints } from './src/node/files.ts';
      const n = 250000;
      const data = new Float32Array(n * 5).map((_, i) => ((i * 7919) % 100003) / 100003);
      await writePoints(${JSON.stringify(path)}, { data, dim: 5 });
      console.log('WROTE');
    `;
    const { code: exit, out } = await child(code, { heapMb: 20 });
    expect(out).toContain('WROTE');
    expect(exit).toBe(0);
    expect((await readPoints(path, { dim: 5 })).count).toBe(250000);
  }, 120_000);
});

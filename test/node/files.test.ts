import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNpy } from '../../src/data/npy.js';
import type { Points } from '../../src/data/points.js';
import { FormatError, InvalidPointsError } from '../../src/errors.js';
import { pointsFileFormat, readPoints, writePoints } from '../../src/node/files.js';

const points: Points = {
  data: Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, -0, 1e-45, 1, 246 / 300, 3.4e38]),
  count: 2,
  dim: 5,
};

describe('readPoints / writePoints', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pointgen-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const name of ['p.csv', 'p.json', 'p.npy', 'P.NPY']) {
    it(`round-trips bit for bit through ${name}`, async () => {
      const path = join(dir, name);
      await writePoints(path, points);
      const back = await readPoints(path, { dim: 5 });
      expect(back.count).toBe(2);
      expect(new Uint32Array(back.data.buffer)).toEqual(new Uint32Array(points.data.buffer));
    });
  }

  it('writes the format of the extension', async () => {
    await writePoints(join(dir, 'a.csv'), points);
    expect((await readFile(join(dir, 'a.csv'), 'utf8')).split('\n')[0]).toBe('x,y,r,g,b');
    await writePoints(join(dir, 'a.npy'), points, { npyDtype: 'f8' });
    expect(parseNpy(await readFile(join(dir, 'a.npy'))).dtype).toBe('<f8');
  });

  it('rejects an unknown extension before writing anything', async () => {
    await expect(writePoints(join(dir, 'p.txt'), points)).rejects.toThrow(
      /p\.txt: unknown point file extension '\.txt' \(expected \.csv, \.json or \.npy\)/,
    );
    await expect(readFile(join(dir, 'p.txt'))).rejects.toThrow(/ENOENT/);
    await expect(readPoints(join(dir, 'noext'))).rejects.toThrow(FormatError);
  });

  it('names a missing file', async () => {
    await expect(readPoints(join(dir, 'missing.csv'))).rejects.toThrow(
      /readPoints: cannot read .*missing\.csv \(no such file\)/,
    );
  });

  it('names the file in format errors', async () => {
    await writeFile(join(dir, 'bad.csv'), 'x,y\n1,2\n3,oops\n');
    await expect(readPoints(join(dir, 'bad.csv'))).rejects.toThrow(
      /bad\.csv: csv: line 3, column 2: 'oops' is not a number/,
    );
    await writeFile(join(dir, 'bad.npy'), 'not numpy');
    await expect(readPoints(join(dir, 'bad.npy'))).rejects.toThrow(/bad\.npy: npy: not a \.npy file/);
    await writeFile(join(dir, 'bin.json'), Uint8Array.from([0x5b, 0xff, 0x5d]));
    await expect(readPoints(join(dir, 'bin.json'))).rejects.toThrow(/bin\.json: the file is not UTF-8 text/);
  });

  it('checks the dimension of an npy file', async () => {
    await writePoints(join(dir, 'three.npy'), { data: new Float32Array(6), dim: 3 });
    const error = await readPoints(join(dir, 'three.npy'), { dim: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPointsError);
    expect((error as Error).message).toMatch(/three\.npy: npy: expected 5 coordinates per point, got 3/);
  });
});

describe('pointsFileFormat', () => {
  it('maps extensions to formats, ignoring case', () => {
    expect(pointsFileFormat('a/b.CSV')).toBe('csv');
    expect(pointsFileFormat('x.json')).toBe('json');
    expect(pointsFileFormat('x.tar.npy')).toBe('npy');
    expect(() => pointsFileFormat('x.npz')).toThrow(FormatError);
  });
});

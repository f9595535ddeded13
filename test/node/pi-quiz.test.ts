import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNpy } from '../../src/data/npy.js';
import { FormatError } from '../../src/errors.js';
import { loadPiQuiz } from '../../src/node/pi-quiz.js';
import { HAS_PI_QUIZ, PI_QUIZ_DIR } from './shared-dir.js';

describe.skipIf(!HAS_PI_QUIZ)('loadPiQuiz on ../shared/data/pi-quiz', () => {
  it('reproduces points-reference.csv: every value equals the float64 reference rounded to float32', async () => {
    const points = await loadPiQuiz(PI_QUIZ_DIR);
    const lines = (await readFile(join(PI_QUIZ_DIR, 'points-reference.csv'), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('x,y,r,g,b');
    const reference = lines.slice(1).flatMap((line) => line.split(',').map(Number));
    expect(points.count).toBe(5000);
    expect(points.dim).toBe(5);
    expect(reference.length).toBe(points.data.length);
    let mismatches = 0;
    let maxAbsDiff = 0;
    for (const [k, ref] of reference.entries()) {
      const ours = points.data[k] as number;
      if (Math.fround(ref) !== ours) mismatches++;
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(ours - ref));
    }
    console.info(
      `pi-quiz: ${reference.length} values compared, ${mismatches} differ at float32, ` +
        `max |ours - float64 reference| = ${maxAbsDiff.toExponential(2)}`,
    );
    expect(mismatches).toBe(0);
    // Half a float32 ulp just below 1: the most that one rounding of a value in [0, 1] can move it.
    expect(maxAbsDiff).toBeLessThanOrEqual(2 ** -25);
  });
});

describe('loadPiQuiz on a synthetic directory', () => {
  let dir = '';
  // A 4-wide, 3-tall image whose pixel (row, col) is (row, col, 10·row + col). PNG bytes under the .jpg
  // name: sharp sniffs the format, and PNG keeps the pixels exact.
  const width = 4;
  const height = 3;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pointgen-piquiz-'));
    const pixels = new Uint8Array(width * height * 3);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) pixels.set([row, col, 10 * row + col], (row * width + col) * 3);
    }
    const png = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    await writeFile(join(dir, 'sparse_pi_colored.jpg'), png);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const writeIndices = async (rows: number[], cols: number[]) => {
    await writeFile(join(dir, 'pi_xs.npy'), formatNpy({ data: Float32Array.from(rows), dim: 1 }));
    await writeFile(join(dir, 'pi_ys.npy'), formatNpy({ data: Float32Array.from(cols), dim: 1 }));
  };

  it('rejects index files that are not 1-D integer arrays, naming the file', async () => {
    await writeIndices([1, 2], [0, 3]); // formatNpy writes (count, 1) float32
    const error = await loadPiQuiz(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toMatch(/pi_xs\.npy: expected a 1-D array of integer indices, got <f4/);
  });

  it('builds the points with x = row / width, y = col / height from int64 index files', async () => {
    await writeFile(join(dir, 'pi_xs.npy'), int64Npy([2, 0]));
    await writeFile(join(dir, 'pi_ys.npy'), int64Npy([3, 1]));
    const points = await loadPiQuiz(dir);
    const f = Math.fround;
    expect(Array.from(points.data)).toEqual(
      [2 / 4, 3 / 3, 2 / 255, 3 / 255, 23 / 255, 0, 1 / 3, 0, 1 / 255, 1 / 255].map(f),
    );
  });

  it('rejects an index outside the image, naming the index', async () => {
    await writeFile(join(dir, 'pi_xs.npy'), int64Npy([0, 3]));
    await writeFile(join(dir, 'pi_ys.npy'), int64Npy([0, 0]));
    await expect(loadPiQuiz(dir)).rejects.toThrow(/rows\[1\]: 3 is not an integer in \[0, 3\)/);
  });

  it('names a missing file', async () => {
    await expect(loadPiQuiz(join(dir, 'nowhere'))).rejects.toThrow(
      /loadPiQuiz: cannot read .*nowhere.pi_xs\.npy \(no such file\)/,
    );
  });
});

/** A format 1.0 `.npy` of little-endian int64 values, as numpy writes index arrays. */
function int64Npy(values: number[]): Uint8Array {
  const dict = `{'descr': '<i8', 'fortran_order': False, 'shape': (${values.length},), }`;
  const header = `${dict}${' '.repeat(128 - 10 - dict.length - 1)}\n`;
  const bytes = new Uint8Array(10 + header.length + 8 * values.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  view.setUint16(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), 10);
  values.forEach((v, i) => {
    view.setBigInt64(10 + header.length + 8 * i, BigInt(v), true);
  });
  return bytes;
}

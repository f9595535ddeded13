import { describe, expect, it } from 'vitest';
import { detectLattice, detectStep, formatStep } from '../../src/data/lattice.js';
import { Rng } from '../../src/data/rng.js';
import { coloredPi } from '../../src/datasets/colored-pi.js';
import { loadPiQuiz } from '../../src/node/pi-quiz.js';
import { HAS_PI_QUIZ, PI_QUIZ_DIR } from '../node/shared-dir.js';

const rng = new Rng(7);
const onGrid = (n: number, count = 2000) =>
  Float32Array.from({ length: count }, () => Math.floor(rng.uniform() * n) / n);

describe('detectStep', () => {
  it('finds the step 1/N of values on a grid, for any N up to the cap', () => {
    for (const n of [3, 255, 300, 427, 1000, 4096]) expect(detectStep(onGrid(n))).toBe(1 / n);
  });

  it('finds whole-number steps of raw units (pixels, multiples)', () => {
    const pixels = Float32Array.from({ length: 500 }, () => Math.floor(rng.uniform() * 640));
    expect(detectStep(pixels)).toBe(1);
    expect(detectStep(pixels.map((v) => 10 * v - 5000))).toBe(10);
  });

  it('finds none on continuous values, even printed with 6 decimals', () => {
    const continuous = Float32Array.from({ length: 2000 }, () => rng.uniform());
    expect(detectStep(continuous)).toBeNull();
    expect(detectStep(continuous.map((v) => Number(v.toFixed(6))))).toBeNull();
    expect(detectStep(continuous.map((v) => 512 * v))).toBeNull();
    // float32 values near 1000 are all multiples of 2^-14: no lattice of the data's own.
    expect(detectStep(continuous.map((v) => 1000 + 50 * v))).toBeNull();
    expect(detectStep(onGrid(20_000))).toBeNull();
  });

  it('believes no grid of fewer than minDistinct values, and checks its options', () => {
    expect(detectStep([0.5, 0.5, 0.25])).toBeNull();
    expect(detectStep([0.5, 0.25], { minDistinct: 2 })).toBe(1 / 4);
    expect(() => detectStep([1], { maxDivisor: 0 })).toThrow(RangeError);
  });

  it('formats steps', () => {
    expect([1 / 300, 1, 10, 0.3, null].map(formatStep)).toEqual(['1/300', '1', '10', '0.3', 'none']);
  });
});

describe('detectLattice', () => {
  it('finds the positions on 1/300 and the colours on 1/255 in the built-in colour pi', () => {
    expect(detectLattice(coloredPi())).toEqual([1 / 300, 1 / 300, 1 / 255, 1 / 255, 1 / 255]);
  });

  it.skipIf(!HAS_PI_QUIZ)('finds 1/300 and 1/255 in the pi-quiz data', async () => {
    expect(detectLattice(await loadPiQuiz(PI_QUIZ_DIR))).toEqual([
      1 / 300,
      1 / 300,
      1 / 255,
      1 / 255,
      1 / 255,
    ]);
  });

  it('tells continuous coordinates from lattice ones, column by column', () => {
    const count = 1000;
    const data = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      data.set(
        [Math.floor(rng.uniform() * 427) / 427, rng.uniform(), Math.floor(rng.uniform() * 256)],
        i * 3,
      );
    }
    expect(detectLattice({ data, count, dim: 3 })).toEqual([1 / 427, null, 1]);
  });
});

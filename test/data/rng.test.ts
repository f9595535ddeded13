import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, toRng } from '../../src/index.js';

describe('Rng', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const draw = (seed: number | string) =>
      Array.from({ length: 8 }, new Rng(seed).uniform.bind(new Rng(seed)));
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const xs = Array.from({ length: 100 }, () => a.uniform());
    expect(Array.from({ length: 100 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.uniform())).not.toEqual(xs);
    expect(draw('abc')).toEqual(draw('abc'));
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const rng = new Rng(3);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals', () => {
    const rng = new Rng(4);
    const xs = rng.fillNormal(new Float64Array(100_000));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
  });

  it('int covers its range without bias and rejects bad bounds', () => {
    const rng = new Rng(5);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(1.5)).toThrow(/n:/);
  });

  it('permutation is a permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (n, seed) => {
        const p = Array.from(new Rng(seed).permutation(n)).sort((x, y) => x - y);
        expect(p).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it('fork gives an independent stream; toRng passes generators through', () => {
    const rng = new Rng(6);
    const child = rng.fork();
    expect(child.uniform()).not.toBe(rng.uniform());
    expect(toRng(rng)).toBe(rng);
    expect(toRng(9).uniform()).toBe(new Rng(9).uniform());
    expect(() => new Rng(Number.NaN)).toThrow(/seed/);
  });
});

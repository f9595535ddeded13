import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/rng.js';
import { couplingSplit } from '../../src/models/realnvp/layout.js';
import { mixingMatrices, orthogonalityError } from '../../src/models/realnvp/mixing.js';

/** The original coordinates each coupling transforms, following the state through the matrices. */
function transformedSets(matrices: Float32Array[], dim: number): Set<number>[] {
  let order = Array.from({ length: dim }, (_, k) => k);
  return matrices.map((m, i) => {
    // (x · P)[k] = x[source[k]]: column k of the new state holds what column source[k] held.
    order = order.map(
      (_, k) =>
        order[Array.from({ length: dim }, (_, r) => r).find((r) => m[r * dim + k] === 1) as number] as number,
    );
    return new Set(order.slice(couplingSplit(i, dim)));
  });
}

describe('mixingMatrices', () => {
  it.each(['alternate', 'permutation', 'rotation'] as const)('gives orthogonal matrices (%s)', (kind) => {
    for (const m of mixingMatrices(kind, 6, 5, new Rng(1)))
      expect(orthogonalityError(m, 5)).toBeLessThan(1e-5);
  });

  it('never repeats a transformed set or leaves a coordinate idle for three couplings (permutation)', () => {
    for (const dim of [2, 3, 5]) {
      for (let seed = 0; seed < 20; seed++) {
        const sets = transformedSets(mixingMatrices('permutation', 8, dim, new Rng(seed)), dim);
        sets.forEach((set, i) => {
          const before = sets[i - 1];
          if (before) expect([...set].sort()).not.toEqual([...before].sort());
          if (i >= 2) {
            for (let c = 0; c < dim; c++) expect(sets.slice(i - 2, i + 1).some((t) => t.has(c))).toBe(true);
          }
        });
      }
    }
  });

  it('alternates the odd and even coordinates like the original masks (alternate)', () => {
    const sets = transformedSets(mixingMatrices('alternate', 4, 5, new Rng(1)), 5);
    expect(sets.map((s) => [...s].sort())).toEqual([
      [1, 3],
      [0, 2, 4],
      [1, 3],
      [0, 2, 4],
    ]);
  });
});

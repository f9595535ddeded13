import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/rng.js';
import { fitPca, projectPca } from '../../src/plot/pca.js';

/** A random orthonormal basis of R^n (Gram-Schmidt on normal draws). */
function basis(n: number, seed: number): Float64Array[] {
  const rng = new Rng(seed);
  const out: Float64Array[] = [];
  while (out.length < n) {
    const v = rng.fillNormal(new Float64Array(n));
    for (const u of out) {
      const d = u.reduce((s, x, j) => s + x * (v[j] as number), 0);
      for (let j = 0; j < n; j++) v[j] = (v[j] as number) - d * (u[j] as number);
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  return out;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] as number) * (b[j] as number);
  return s;
};

describe('fitPca', () => {
  // Points ±s_k·u_k around a centre: the sample covariance is exactly Σ 2 s_k² u_k u_kᵀ / (n - 1).
  const u = basis(5, 3);
  const spreads = [0.4, 0.3, 0.2, 0.1, 0.05];
  const centre = [0.5, 0.4, 0.6, 0.3, 0.5];
  const rows = u.flatMap((axis, k) =>
    [1, -1].map((sign) => centre.map((c, j) => c + sign * (spreads[k] as number) * (axis[j] as number))),
  );
  const model = fitPca(rows);

  it('finds the known eigenvalues and eigenvectors, largest first', () => {
    const n = rows.length;
    spreads.forEach((s, k) => {
      expect(model.variances[k]).toBeCloseTo((2 * s * s) / (n - 1), 6);
      expect(Math.abs(dot(model.components[k] as Float64Array, u[k] as Float64Array))).toBeCloseTo(1, 5);
    });
    const total = spreads.reduce((t, s) => t + s * s, 0);
    expect(model.explained[0]).toBeCloseTo(0.16 / total, 5);
    for (let j = 0; j < 5; j++) expect(model.mean[j]).toBeCloseTo(centre[j] as number, 6);
  });

  it('projects on orthonormal axes', () => {
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        expect(dot(model.components[a] as Float64Array, model.components[b] as Float64Array)).toBeCloseTo(
          a === b ? 1 : 0,
          6,
        );
      }
    }
    const xy = projectPca(model, [rows[0] as number[]], 2);
    expect(Math.abs(xy[0] as number)).toBeCloseTo(0.4, 5);
    expect(xy[1]).toBeCloseTo(0, 5);
  });

  it('fixes the sign of each axis (largest coordinate positive)', () => {
    for (const axis of model.components) {
      const largest = axis.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('rejects bad input with named errors', () => {
    expect(() => fitPca([[0.1, 0.2, 0.3, 0.4, 0.5]])).toThrow(/at least 2 points/);
    expect(() => projectPca(model, [[0.1, 0.2]])).toThrow(/points/);
    expect(() => projectPca(model, rows, 6)).toThrow(RangeError);
  });
});

import type { Points, PointsLike } from '../data/points.js';
import { toPoints } from '../data/points.js';
import { InvalidPointsError } from '../errors.js';

/**
 * A principal component analysis fitted on one point set: project other sets with {@link projectPca}.
 *
 * @example
 * ```ts
 * import { fitPca } from 'pointgen/plot';
 * const pca = fitPca(real);
 * pca.explained; // share of the variance along each component, largest first
 * ```
 */
export interface PcaModel {
  /** The mean of the fitted points, one value per coordinate. */
  readonly mean: Float64Array;
  /** Unit-length principal axes, largest variance first; `components[k][j]` is coordinate `j` of axis `k`. */
  readonly components: readonly Float64Array[];
  /** The variance along each axis (eigenvalues of the covariance, divided by `count - 1`). */
  readonly variances: Float64Array;
  /** The share of the total variance along each axis, in [0, 1]. */
  readonly explained: Float64Array;
}

/**
 * Fits a PCA on `points` (any dimension): eigen-decomposition of the sample covariance by cyclic Jacobi
 * rotations, exact to rounding for the small matrices of colour points. Each axis' sign is fixed so that its
 * largest coordinate is positive, so that the same data always gives the same picture.
 *
 * @param argument The name bad input is reported under.
 * @throws {InvalidPointsError} for an invalid or empty point set, or one with a single point.
 *
 * @example
 * ```ts
 * import { fitPca, projectPca } from 'pointgen/plot';
 * const pca = fitPca(real);
 * const xy = projectPca(pca, generated); // count × 2, row-major
 * ```
 */
export function fitPca(points: PointsLike, argument = 'points'): PcaModel {
  const pts = toPoints(points, { argument });
  const { data, count, dim } = pts;
  if (count < 2)
    throw new InvalidPointsError(argument, 'empty', `a PCA needs at least 2 points, got ${count}`);
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++)
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (data[i * dim + j] as number);
  for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) / count;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dim; j++) centred[j] = (data[i * dim + j] as number) - (mean[j] as number);
    for (let a = 0; a < dim; a++) {
      for (let b = a; b < dim; b++) {
        cov[a * dim + b] = (cov[a * dim + b] as number) + (centred[a] as number) * (centred[b] as number);
      }
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = (cov[a * dim + b] as number) / (count - 1);
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  const { values, vectors } = symmetricEigen(cov, dim);
  const order = Array.from(values.keys()).sort((p, q) => (values[q] as number) - (values[p] as number));
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  const components = order.map((k) => {
    const axis = new Float64Array(dim);
    for (let j = 0; j < dim; j++) axis[j] = vectors[j * dim + k] as number;
    let largest = 0;
    for (let j = 1; j < dim; j++)
      if (Math.abs(axis[j] as number) > Math.abs(axis[largest] as number)) largest = j;
    if ((axis[largest] as number) < 0) for (let j = 0; j < dim; j++) axis[j] = -(axis[j] as number);
    return axis;
  });
  const variances = Float64Array.from(order, (k) => Math.max(0, values[k] as number));
  const explained = variances.map((v) => (total > 0 ? v / total : 0));
  return { mean, components, variances, explained };
}

/**
 * Projects `points` on the first `k` axes of a fitted {@link PcaModel} (centring with the fitted mean).
 *
 * @returns `count × k` coordinates, row-major.
 * @throws {InvalidPointsError} when `points` is invalid or its dimension differs from the fitted one.
 *
 * @example
 * ```ts
 * import { fitPca, projectPca } from 'pointgen/plot';
 * const xy = projectPca(fitPca(real), generated, 2);
 * const [pc1, pc2] = [xy[0], xy[1]]; // first point
 * ```
 */
export function projectPca(model: PcaModel, points: PointsLike, k = 2): Float64Array {
  const dim = model.mean.length;
  if (!Number.isInteger(k) || k < 1 || k > dim) {
    throw new RangeError(`k: expected an integer in [1, ${dim}], got ${k}`);
  }
  const pts: Points = toPoints(points, { dim, argument: 'points' });
  const out = new Float64Array(pts.count * k);
  for (let i = 0; i < pts.count; i++) {
    for (let c = 0; c < k; c++) {
      const axis = model.components[c] as Float64Array;
      let s = 0;
      for (let j = 0; j < dim; j++) {
        s += ((pts.data[i * dim + j] as number) - (model.mean[j] as number)) * (axis[j] as number);
      }
      out[i * k + c] = s;
    }
  }
  return out;
}

/**
 * Eigenvalues and eigenvectors (columns of `vectors`, row-major `n × n`) of a symmetric matrix, by cyclic
 * Jacobi rotations until the off-diagonal part vanishes.
 */
function symmetricEigen(matrix: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const at = (i: number, j: number) => a[i * n + j] as number;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += at(i, i) ** 2;
      for (let j = i + 1; j < n; j++) off += at(i, j) ** 2;
    }
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(p, q);
        if (apq === 0) continue;
        // The rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
        const theta = (at(q, q) - at(p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = at(k, p);
          const akq = at(k, q);
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = at(p, k);
          const aqk = at(q, k);
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: n }, (_, i) => at(i, i)), vectors: v };
}

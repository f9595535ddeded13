// Dense float64 algebra for the small symmetric matrices of a Gaussian mixture (d × d, row-major, d ≈ 5).
// Plain loops: at this size they beat any kernel launch, and float64 keeps EM's covariances exact enough
// that no Cholesky fails on a well-regularised component.

/**
 * The lower Cholesky factor `L` of the symmetric positive definite `a` (`a = L Lᵀ`), written into `out`
 * (`d × d`, upper triangle zero). Returns false, leaving `out` partly written, when `a` is not positive definite.
 */
export function cholesky(
  a: ArrayLike<number>,
  d: number,
  out: Float64Array,
  outOffset = 0,
  aOffset = 0,
): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[aOffset + i * d + j] as number;
      for (let k = 0; k < j; k++) {
        s -= (out[outOffset + i * d + k] as number) * (out[outOffset + j * d + k] as number);
      }
      if (i === j) {
        if (!(s > 0)) return false;
        out[outOffset + i * d + i] = Math.sqrt(s);
      } else {
        out[outOffset + i * d + j] = s / (out[outOffset + j * d + j] as number);
      }
    }
    for (let j = i + 1; j < d; j++) out[outOffset + i * d + j] = 0;
  }
  return true;
}

/** Solves `L y = b` in place (`b` becomes `y`) for the lower triangular `L` at `l[offset…]`. */
export function forwardSolve(l: ArrayLike<number>, d: number, b: Float64Array, offset = 0): void {
  for (let i = 0; i < d; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[offset + i * d + k] as number) * (b[k] as number);
    b[i] = s / (l[offset + i * d + i] as number);
  }
}

/** `Σ log L_ii`: half the log-determinant of `L Lᵀ`. */
export function halfLogDet(l: ArrayLike<number>, d: number, offset = 0): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(l[offset + i * d + i] as number);
  return s;
}

/** `L Lᵀ` for the lower triangular `L` at `l[offset…]`, as a new `d × d` matrix. */
export function lowerTimesTranspose(l: ArrayLike<number>, d: number, offset = 0): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += (l[offset + i * d + k] as number) * (l[offset + j * d + k] as number);
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  }
  return out;
}

/** The rows `rows` and columns `cols` of the `d × d` matrix `a`, as a new `rows.length × cols.length` matrix. */
export function submatrix(
  a: ArrayLike<number>,
  d: number,
  rows: readonly number[],
  cols: readonly number[],
): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((r, i) => {
    cols.forEach((c, j) => {
      out[i * cols.length + j] = a[r * d + c] as number;
    });
  });
  return out;
}

/** Solves `A X = B` for the SPD `A` (`n × n`) given its Cholesky factor `l`, `B` being `n × m`; returns `X`. */
export function choleskySolve(
  l: ArrayLike<number>,
  n: number,
  b: ArrayLike<number>,
  m: number,
): Float64Array {
  const x = new Float64Array(n * m);
  const col = new Float64Array(n);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) col[i] = b[i * m + c] as number;
    forwardSolve(l, n, col);
    for (let i = n - 1; i >= 0; i--) {
      let s = col[i] as number;
      for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (col[k] as number);
      col[i] = s / (l[i * n + i] as number);
    }
    for (let i = 0; i < n; i++) x[i * m + c] = col[i] as number;
  }
  return x;
}

/** `log Σ exp(v[i])` over `v[0…n)`, stable; `-Infinity` when every term is. */
export function logSumExp(v: ArrayLike<number>, n = v.length): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if ((v[i] as number) > max) max = v[i] as number;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp((v[i] as number) - max);
  return max + Math.log(s);
}

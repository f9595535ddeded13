// The standard normal distribution function and its inverse, in float64, for box probabilities.

/**
 * `Φ(x)`, the standard normal CDF, with about 15 significant digits in both tails (Hart's algorithm 5666 as
 * given by West, "Better approximations to cumulative normal functions", 2005).
 */
export function normalCdf(x: number): number {
  const t = upperTail(Math.abs(x));
  return x > 0 ? 1 - t : t;
}

/** `P(a ≤ Z ≤ b)` for a standard normal `Z`, from whichever tails keep the digits. */
export function normalInterval(a: number, b: number): number {
  if (!(b > a)) return 0;
  if (a >= 0) return upperTail(a) - upperTail(b);
  if (b <= 0) return upperTail(-b) - upperTail(-a);
  return 1 - upperTail(-a) - upperTail(b);
}

// Hart's coefficients, highest power first.
const HART_NUMERATOR = [
  3.52624965998911e-2, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871,
  221.213596169931, 220.206867912376,
];
const HART_DENOMINATOR = [
  8.83883476483184e-2, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674,
  637.333633378831, 793.826512519948, 440.413735824752,
];

/** The polynomial with coefficients `c` (highest power first) at `x`, by Horner's rule. */
function horner(c: readonly number[], x: number): number {
  let v = c[0] as number;
  for (let i = 1; i < c.length; i++) v = v * x + (c[i] as number);
  return v;
}

/** `1 − Φ(x)` for `x ≥ 0`. */
function upperTail(x: number): number {
  if (x === Number.POSITIVE_INFINITY || x > 37) return 0;
  const e = Math.exp((-x * x) / 2);
  if (x < 7.07106781186547) return (e * horner(HART_NUMERATOR, x)) / horner(HART_DENOMINATOR, x);
  let b = x + 0.65;
  b = x + 4 / b;
  b = x + 3 / b;
  b = x + 2 / b;
  b = x + 1 / b;
  return e / b / 2.506628274631;
}

// Acklam's coefficients, highest power first: A / B in the centre, C / D in the tails.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572, 1,
];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1];

/** `Φ⁻¹(p)` for `p` in (0, 1): Acklam's rational approximation refined by one Halley step (about 1e-15). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  let x: number;
  if (p < 0.02425 || p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(p < 0.5 ? p : 1 - p));
    x = horner(C, q) / horner(D, q);
    if (p > 0.5) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (horner(A, r) * q) / horner(B, r);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

// A 2-component mixture on [0, 1]² worked out by hand, shared by the tests of its conditionals: weights
// 0.3 / 0.7, means (0.3, 0.4) / (0.6, 0.5), covariances 0.01·[[1, 0.5], [0.5, 1]] / 0.01·[[2, 0], [0, 0.5]],
// given as Cholesky factors.
import { normalCdf } from '../../../src/models/gmm/normal.js';

export const W = [0.3, 0.7];
export const MEANS = [0.3, 0.4, 0.6, 0.5];
export const CHOL = [0.1, 0, 0.05, 0.1 * Math.sqrt(0.75), 0.1 * Math.SQRT2, 0, 0, 0.1 * Math.sqrt(0.5)];

export const phi = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
export const normal = (v: number, m: number, s: number) => phi((v - m) / s) / s;

// x given y = 0.45, worked out on paper: component 1's y ~ N(0.4, 0.1²) and x | y ~ N(0.3 + 0.5·0.05,
// 0.0075); component 2's y ~ N(0.5, 0.005) and x | y ~ N(0.6, 0.02). Truncation to [0, 1] multiplies each
// component's weight by its conditional mass in [0, 1].
export const Y = 0.45;
export const COND = [
  { prior: 0.3 * normal(Y, 0.4, 0.1), mean: 0.325, sd: Math.sqrt(0.0075) },
  { prior: 0.7 * normal(Y, 0.5, Math.sqrt(0.005)), mean: 0.6, sd: Math.sqrt(0.02) },
];
export const massIn01 = (c: (typeof COND)[number]) =>
  normalCdf((1 - c.mean) / c.sd) - normalCdf(-c.mean / c.sd);
export const denominator = COND.reduce((s, c) => s + c.prior * massIn01(c), 0);
export const handDensity = (x: number) =>
  COND.reduce((s, c) => s + c.prior * normal(x, c.mean, c.sd), 0) / denominator;
/** The CDF of x given y = Y on [0, 1], in closed form. */
export const handCdf = (x: number) =>
  COND.reduce((s, c) => s + c.prior * (normalCdf((x - c.mean) / c.sd) - normalCdf(-c.mean / c.sd)), 0) /
  denominator;

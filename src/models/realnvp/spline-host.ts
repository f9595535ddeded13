import * as tf from '@tensorflow/tfjs-core';
import { constantProduct } from '../../tf/constant-ops.js';
import { peekValues, tensorFilled } from '../../tf/host.js';
import { DERIVATIVE_SHIFT, MIN_BIN, MIN_DERIVATIVE } from './spline-core.js';

/** Bins and bound of a spline (as `SplineShape`, repeated here so that this file imports no tensors of it). */
interface Shape {
  readonly bins: number;
  readonly bound: number;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * The spline of `spline.ts` in plain JavaScript, value by value, for `m` values `v` and their `m` rows `raw` of
 * `3K − 1` parameters (passed to both passes, which may read them in place). `forward` writes the outputs and
 * the log-slopes (0 outside the bound) and keeps what `backward` needs, which writes the gradients of `v` and
 * `raw` from those of the outputs and log-slopes. The same formulas as the tensor version: the bin found
 * among the inner knots, the rational-quadratic map, its hand-written gradient (see `spline-core.ts`), back
 * through the cumulative knots and the softmaxes.
 */
export function hostSpline(shape: Shape, m: number) {
  const k = shape.bins;
  const p = 3 * k - 1;
  const bound = shape.bound;
  const minWidth = MIN_BIN * 2 * bound;
  const scale = (1 - MIN_BIN * k) * 2 * bound;
  // Per value: both softmaxes, the bin (−1 outside the bound), and its x₀, width, height and slopes.
  const soft = new Float64Array(m * 2 * k);
  const bins = new Int32Array(m);
  const knots = new Float64Array(m * 5);

  function forward(v: Float32Array, raw: Float32Array, y: Float32Array, logSlope: Float32Array): void {
    for (let i = 0; i < m; i++) {
      const vi = v[i] as number;
      if (!(Math.abs(vi) < bound)) {
        bins[i] = -1;
        y[i] = vi;
        logSlope[i] = 0;
        continue;
      }
      const at = i * p;
      const so = i * 2 * k;
      for (let half = 0; half < 2; half++) {
        const from = at + half * k;
        const to = so + half * k;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < k; j++) max = Math.max(max, raw[from + j] as number);
        let sum = 0;
        for (let j = 0; j < k; j++) {
          const e = Math.exp((raw[from + j] as number) - max);
          soft[to + j] = e;
          sum += e;
        }
        for (let j = 0; j < k; j++) soft[to + j] = (soft[to + j] as number) / sum;
      }
      // Bin b holds the values above its left inner knot, as the tensor version's step(v − edge) counts them.
      let b = 0;
      let x0 = -bound;
      let y0 = -bound;
      for (; b < k - 1; b++) {
        const next = x0 + minWidth + scale * (soft[so + b] as number);
        if (!(vi > next)) break;
        x0 = next;
        y0 += minWidth + scale * (soft[so + k + b] as number);
      }
      const w = minWidth + scale * (soft[so + b] as number);
      const h = minWidth + scale * (soft[so + k + b] as number);
      const d0 =
        b === 0 ? 1 : softplus((raw[at + 2 * k + b - 1] as number) + DERIVATIVE_SHIFT) + MIN_DERIVATIVE;
      const d1 =
        b === k - 1 ? 1 : softplus((raw[at + 2 * k + b] as number) + DERIVATIVE_SHIFT) + MIN_DERIVATIVE;
      bins[i] = b;
      knots[i * 5] = x0;
      knots[i * 5 + 1] = w;
      knots[i * 5 + 2] = h;
      knots[i * 5 + 3] = d0;
      knots[i * 5 + 4] = d1;
      const s = h / w;
      const theta = (vi - x0) / w;
      const tau = theta * (1 - theta);
      const a = s * theta * theta + d0 * tau;
      const d = s + (d0 + d1 - 2 * s) * tau;
      const bq = d1 * theta * theta + 2 * s * tau + d0 * (1 - theta) * (1 - theta);
      y[i] = y0 + (h * a) / d;
      logSlope[i] = 2 * Math.log(s) + Math.log(bq) - 2 * Math.log(d);
    }
  }

  function backward(
    v: Float32Array,
    raw: Float32Array,
    gy: Float32Array,
    gl: Float32Array,
    gv: Float32Array,
    gRaw: Float32Array,
  ): void {
    gRaw.fill(0);
    for (let i = 0; i < m; i++) {
      const b = bins[i] as number;
      if (b < 0) {
        gv[i] = gy[i] as number;
        continue;
      }
      const q = i * 5;
      const x0 = knots[q] as number;
      const w = knots[q + 1] as number;
      const h = knots[q + 2] as number;
      const d0 = knots[q + 3] as number;
      const d1 = knots[q + 4] as number;
      const s = h / w;
      const theta = ((v[i] as number) - x0) / w;
      const tau = theta * (1 - theta);
      const a = s * theta * theta + d0 * tau;
      const d = s + (d0 + d1 - 2 * s) * tau;
      const bq = d1 * theta * theta + 2 * s * tau + d0 * (1 - theta) * (1 - theta);
      const gyi = gy[i] as number;
      const gli = gl[i] as number;
      const gA = (gyi * h) / d;
      // ∂y/∂D = −hA/D², ∂(log slope)/∂D = −2/D.
      const gD = -((gyi * h * a) / d + 2 * gli) / d;
      const gB = gli / bq;
      const gs = (2 * gli) / s + gA * theta * theta + gD * (1 - 2 * tau) + gB * 2 * tau;
      const gTau = gA * d0 + gD * (d0 + d1 - 2 * s) + gB * 2 * s;
      const gTheta = gA * 2 * s * theta + gTau * (1 - 2 * theta) + gB * 2 * (d1 * theta - d0 * (1 - theta));
      gv[i] = gTheta / w;
      // x₀ and y₀ are the cumulative sums of the softmaxes below bin b (gradients −gθ/w and gy each), the
      // width and height their own share; then back through the softmax: g ← p ⊙ (g − Σ p ⊙ g).
      const at = i * p;
      const so = i * 2 * k;
      for (let half = 0; half < 2; half++) {
        const pOff = so + half * k;
        const cum = (half === 0 ? -gTheta / w : gyi) * scale;
        const self = (half === 0 ? -(gs * s + gTheta * theta) / w : (gyi * a) / d + gs / w) * scale;
        let dot = 0;
        for (let j = 0; j < b; j++) dot += (soft[pOff + j] as number) * cum;
        dot += (soft[pOff + b] as number) * self;
        for (let j = 0; j < k; j++) {
          const g = j < b ? cum : j === b ? self : 0;
          gRaw[at + half * k + j] = (soft[pOff + j] as number) * (g - dot);
        }
      }
      const slope = at + 2 * k;
      if (b > 0) {
        const gd0 = gA * tau + gD * tau + gB * (1 - theta) * (1 - theta);
        gRaw[slope + b - 1] = gd0 * sigmoid((raw[slope + b - 1] as number) + DERIVATIVE_SHIFT);
      }
      if (b < k - 1) {
        const gd1 = gD * tau + gB * theta * theta;
        gRaw[slope + b] = gd1 * sigmoid((raw[slope + b] as number) + DERIVATIVE_SHIFT);
      }
    }
  }

  return { forward, backward };
}

/** The first `d` columns (`column < d`) or the last column of `[y | logDet]` (`[d + 1, d]` or `[d + 1, 1]`). */
function pick(d: number, outputs: boolean, transposed = false): tf.Tensor2D {
  const cols = outputs ? d : 1;
  const m = new Float32Array((d + 1) * cols);
  for (let c = 0; c < cols; c++) {
    const r = outputs ? c : d;
    m[transposed ? c * (d + 1) + r : r * cols + c] = 1;
  }
  return tf.tensor2d(m, transposed ? [cols, d + 1] : [d + 1, cols]);
}

/**
 * `splineForward` computed on the host, for backends that keep tensors in host memory (cpu, wasm): one
 * kernel-free pass over the values forward and one backward, where the tensor version runs about 230 small
 * kernels per coupling in a training step, each costing more in launch overhead than in arithmetic on wasm.
 */
export function hostSplineForward(
  x: tf.Tensor2D,
  params: tf.Tensor2D,
  shape: Shape,
): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  const [n, d] = x.shape;
  const f = tf.customGrad((xIn, paramsIn, save) => {
    const [xt, pt] = [xIn, paramsIn] as [tf.Tensor, tf.Tensor];
    (save as tf.GradSaveFunc)([xt, pt]);
    const spline = hostSpline(shape, n * d);
    const y = new Float32Array(n * d);
    const logSlope = new Float32Array(n * d);
    const value = tensorFilled<tf.Rank.R2>([n, d + 1], (out) => {
      spline.forward(peekValues(xt), peekValues(pt), y, logSlope);
      for (let r = 0; r < n; r++) {
        let sum = 0;
        for (let j = 0; j < d; j++) {
          out[r * (d + 1) + j] = y[r * d + j] as number;
          sum += logSlope[r * d + j] as number;
        }
        out[r * (d + 1) + d] = sum;
      }
    });
    return {
      value,
      gradFunc: (dz, saved) => {
        const [xs, ps] = saved as [tf.Tensor, tf.Tensor];
        const g = peekValues(dz as tf.Tensor);
        const gy = new Float32Array(n * d);
        const gl = new Float32Array(n * d);
        for (let r = 0; r < n; r++) {
          for (let j = 0; j < d; j++) {
            gy[r * d + j] = g[r * (d + 1) + j] as number;
            gl[r * d + j] = g[r * (d + 1) + d] as number;
          }
        }
        const gv = new Float32Array(n * d);
        const gRaw = tensorFilled<tf.Rank.R2>(params.shape, (out) => {
          spline.backward(peekValues(xs), peekValues(ps), gy, gl, gv, out);
        });
        return [tensorFilled<tf.Rank.R2>([n, d], (out) => out.set(gv)), gRaw];
      },
    };
  });
  const both = f(x, params) as tf.Tensor2D;
  // The picks are made during the pass: their transposes are made anew for the gradient.
  return {
    y: constantProduct(both, pick(d, true), () => pick(d, true, true)),
    logDet: tf.reshape(
      constantProduct(both, pick(d, false), () => pick(d, false, true)),
      [n],
    ),
  };
}

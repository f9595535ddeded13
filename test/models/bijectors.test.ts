import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/rng.js';
import { ActNorm } from '../../src/models/realnvp/actnorm.js';
import {
  type Bijector,
  forwardChain,
  initializeChain,
  inverseChain,
  withLogDet,
} from '../../src/models/realnvp/bijector.js';
import type { Activation } from '../../src/models/realnvp/config.js';
import { Coupling, paramsPerCoordinate } from '../../src/models/realnvp/coupling.js';
import { couplingSplit } from '../../src/models/realnvp/layout.js';
import { Logit } from '../../src/models/realnvp/logit.js';
import { Mixing, mixingMatrices } from '../../src/models/realnvp/mixing.js';
import { disposeSplineTables, type SplineTables, splineTables } from '../../src/models/realnvp/spline.js';
import { useBackend } from '../backends.js';

// Every bijector of the flow, checked the same way on the cpu backend: the inverse undoes the forward pass,
// and the log-determinant is that of a numerical Jacobian (central differences, Richardson-extrapolated, the
// determinant in float64). The worst case here is 4e-4 (float32 rounding); TOLERANCE is far below any real
// mistake (a test below shows a 0.01 error is caught). Smooth activations only: relu's kinks defeat finite
// differences, and the activation does not enter the log-determinant's formula.
const TOLERANCE = 2e-3;
const ROUND_TRIP = 1e-5;
const N = 16;

const SPLINE = { bins: 5, bound: 2.5 };
let tables: SplineTables;

/** A bijector under test: `weights` are the tensors the test made for it (not the bijector's to free). */
interface Case {
  readonly bijector: Bijector;
  readonly weights: readonly tf.Tensor[];
  /** Inputs `[N, dim]` inside the bijector's domain. */
  readonly inputs: tf.Tensor2D;
}

function randomTensor(shape: number[], rng: Rng, scale: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => scale * rng.normal()),
    shape,
  );
}

function normalInputs(dim: number, rng: Rng, scale: number): tf.Tensor2D {
  return randomTensor([N, dim], rng, scale) as tf.Tensor2D;
}

/** Points well inside `[0, 1]^dim`. */
function unitInputs(dim: number, rng: Rng): tf.Tensor2D {
  return tf.tensor2d(
    Float32Array.from({ length: N * dim }, () => 0.05 + 0.9 * rng.uniform()),
    [N, dim],
  );
}

function mixing(kind: 'alternate' | 'permutation' | 'rotation', dim: number, rng: Rng): Mixing {
  const values = mixingMatrices(kind, 1, dim, rng)[0] as Float32Array;
  return new Mixing(tf.tensor2d(values, [dim, dim]), values);
}

/** A coupling with random weights (the last layer too, so that it is not the identity). */
function coupling(
  transform: 'affine' | 'spline',
  dim: number,
  index: number,
  activation: Activation,
  mix: Mixing,
  rng: Rng,
): { bijector: Coupling; weights: tf.Tensor[] } {
  const split = couplingSplit(index, dim);
  const shape =
    transform === 'affine' ? { kind: 'affine' as const, clamp: 2 } : { kind: 'spline' as const, ...SPLINE };
  const widths = [split, 6, 6, paramsPerCoordinate(shape) * (dim - split)];
  // Moderate last-layer weights: a spline far from the identity, without bins so narrow that float32 finite
  // differences cannot resolve them.
  const layers = widths.slice(1).map((out, j) => ({
    w: tf.variable(
      randomTensor([widths[j] as number, out], rng, j + 2 < widths.length ? 0.6 : 0.25) as tf.Tensor2D,
    ),
    b: tf.variable(randomTensor([out], rng, 0.3) as tf.Tensor1D),
  }));
  const bijector = new Coupling({
    mixing: mix,
    split,
    layers,
    activation,
    transform: shape.kind === 'spline' ? { ...shape, tables } : shape,
  });
  return { bijector, weights: [mix.matrix, ...layers.flatMap((l) => [l.w, l.b])] };
}

function actNorm(dim: number, rng: Rng): { bijector: ActNorm; weights: tf.Tensor[] } {
  const logScale = tf.variable(randomTensor([dim], rng, 0.5) as tf.Tensor1D);
  const bias = tf.variable(randomTensor([dim], rng, 1) as tf.Tensor1D);
  return { bijector: new ActNorm(logScale, bias), weights: [logScale, bias] };
}

/** The chain as one bijector, its log-determinant summed the way the model sums it. */
function asBijector(chain: readonly Bijector[]): Bijector {
  return {
    forward: (x) => {
      const { y, ...sums } = forwardChain(chain, x);
      return { y, logDet: withLogDet(tf.zeros([x.shape[0]]), sums) };
    },
    inverse: (y) => inverseChain(chain, y),
    dispose: () => {
      for (const b of chain) b.dispose();
    },
  };
}

/** Couplings under test: transform, dim, index in the flow (odd: the smaller half conditions), activation,
 * the mixing before, the inputs' scale. */
const COUPLINGS = [
  ['affine', 3, 0, 'elu', 'rotation', 1],
  ['affine', 5, 1, 'tanh', 'permutation', 1],
  ['spline', 3, 0, 'swish', 'rotation', 1.5],
  ['spline', 2, 1, 'elu', 'alternate', 1.5],
] as const;

const CASES: [string, (rng: Rng) => Case][] = [
  [
    'logit',
    (rng) => {
      const upper = [1 + 1 / 300, 1.25, 1];
      const unit = unitInputs(3, rng);
      return { bijector: new Logit(upper, 0.01), weights: [], inputs: tf.mul(unit, upper) as tf.Tensor2D };
    },
  ],
  ['ActNorm', (rng) => ({ ...actNorm(3, rng), inputs: normalInputs(3, rng, 2) })],
  [
    'mixing (permutation)',
    (rng) => ({ ...single(mixing('permutation', 4, rng)), inputs: normalInputs(4, rng, 1) }),
  ],
  [
    'mixing (rotation)',
    (rng) => ({ ...single(mixing('rotation', 3, rng)), inputs: normalInputs(3, rng, 1) }),
  ],
  // Spline inputs beyond ±bound reach the identity tails as well.
  ...COUPLINGS.map(([transform, dim, index, activation, mix, scale]): [string, (rng: Rng) => Case] => [
    `${transform} coupling ${index} in ${dim}-D (${mix} before, ${activation})`,
    (rng) => ({
      ...coupling(transform, dim, index, activation, mixing(mix, dim, rng), rng),
      inputs: normalInputs(dim, rng, scale),
    }),
  ]),
  [
    'chain: logit, ActNorm, spline coupling, ActNorm',
    (rng) => {
      const parts = [
        actNorm(3, rng),
        coupling('spline', 3, 0, 'tanh', mixing('rotation', 3, rng), rng),
        actNorm(3, rng),
      ];
      return {
        bijector: asBijector([new Logit([1, 1, 1], 0.01), ...parts.map((p) => p.bijector)]),
        weights: parts.flatMap((p) => p.weights),
        inputs: unitInputs(3, rng),
      };
    },
  ],
];

function single(m: Mixing): { bijector: Bijector; weights: tf.Tensor[] } {
  return { bijector: m, weights: [m.matrix] };
}

/** `log |det|` of row-major `d × d` matrices, by LU with partial pivoting in float64. */
function logAbsDet(m: Float64Array, d: number): number {
  const a = Float64Array.from(m);
  let sum = 0;
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++)
      if (Math.abs(a[r * d + c] as number) > Math.abs(a[pivot * d + c] as number)) pivot = r;
    for (let k = 0; k < d; k++)
      [a[c * d + k], a[pivot * d + k]] = [a[pivot * d + k] as number, a[c * d + k] as number];
    const p = a[c * d + c] as number;
    sum += Math.log(Math.abs(p));
    for (let r = c + 1; r < d; r++) {
      const f = (a[r * d + c] as number) / p;
      for (let k = c; k < d; k++) a[r * d + k] = (a[r * d + k] as number) - f * (a[c * d + k] as number);
    }
  }
  return sum;
}

/** Per point, `log |det J|` of `forward` at `x` from central differences with steps `h` and `h/2`, extrapolated. */
function numericalLogDet(b: Bijector, x: tf.Tensor2D, h: number): number[] {
  const [n, d] = x.shape;
  const xs = x.dataSync();
  const jacobian = (step: number): Float64Array[] => {
    // Rows: for each point p, coordinate k and sign s, x_p + s·step·e_k.
    const rows = new Float32Array(n * d * 2 * d);
    for (let p = 0; p < n; p++)
      for (let k = 0; k < d; k++)
        for (let s = 0; s < 2; s++) {
          const row = ((p * d + k) * 2 + s) * d;
          for (let j = 0; j < d; j++) rows[row + j] = xs[p * d + j] as number;
          rows[row + k] = (rows[row + k] as number) + (s === 0 ? step : -step);
        }
    const ys = tf.tidy(() => b.forward(tf.tensor2d(rows, [n * d * 2, d])).y.dataSync());
    return Array.from({ length: n }, (_, p) => {
      const jac = new Float64Array(d * d);
      for (let k = 0; k < d; k++) {
        const plus = (p * d + k) * 2 * d;
        const minus = plus + d;
        // The step actually taken in float32.
        const dx = (rows[plus + k] as number) - (rows[minus + k] as number);
        for (let i = 0; i < d; i++)
          jac[i * d + k] = ((ys[plus + i] as number) - (ys[minus + i] as number)) / dx;
      }
      return jac;
    });
  };
  const coarse = jacobian(h);
  const fine = jacobian(h / 2);
  return fine.map((jf, p) =>
    logAbsDet(
      jf.map((v, i) => (4 * v - (coarse[p]?.[i] as number)) / 3),
      d,
    ),
  );
}

/** The largest difference between `b`'s log-determinant and the numerical one, over the points `x`. */
function logDetError(b: Bijector, x: tf.Tensor2D): number {
  const [n] = x.shape;
  const analytic = tf.tidy(() => tf.add(b.forward(x).logDet, tf.zeros([n])).dataSync());
  const numerical = numericalLogDet(b, x, 1e-2);
  return Math.max(...numerical.map((v, p) => Math.abs(v - (analytic[p] as number))));
}

describe('bijectors of the RealNVP flow (cpu)', () => {
  useBackend('cpu');
  beforeAll(() => {
    tables = splineTables(SPLINE);
  });

  afterAll(() => {
    disposeSplineTables(tables);
  });

  describe.each(CASES)('%s', (_name, make) => {
    let c: Case;
    let before: number;

    beforeAll(() => {
      before = tf.memory().numTensors;
      // What the test makes and the bijector keeps survives the scope; the rest (initial values) does not.
      tf.tidy(() => {
        c = make(new Rng(7));
        tf.keep(c.inputs);
        for (const w of c.weights) tf.keep(w);
      });
    });

    afterAll(() => {
      tf.dispose([...c.weights, c.inputs]);
    });

    it('inverse undoes forward', () => {
      const error = tf.tidy(() => {
        const back = c.bijector.inverse(c.bijector.forward(c.inputs).y);
        return tf.max(tf.abs(tf.sub(back, c.inputs))).dataSync()[0];
      });
      expect(error).toBeLessThan(ROUND_TRIP);
    });

    it('has the log-determinant of the numerical Jacobian, per point', () => {
      expect(logDetError(c.bijector, c.inputs)).toBeLessThan(TOLERANCE);
    });

    it('is far from the identity (so that the checks above can fail)', () => {
      const moved = tf.tidy(
        () => tf.max(tf.abs(tf.sub(c.bijector.forward(c.inputs).y, c.inputs))).dataSync()[0],
      );
      expect(moved).toBeGreaterThan(0.1);
    });

    it('dispose frees what the bijector made, and not the weights it was given', () => {
      c.bijector.dispose();
      expect(tf.memory().numTensors).toBe(before + c.weights.length + 1);
      expect(c.weights.every((w) => !w.isDisposed)).toBe(true);
    });
  });

  it('catches a log-determinant that is off by 0.01', () => {
    const rng = new Rng(7);
    const { bijector, weights } = actNorm(3, rng);
    const x = normalInputs(3, rng, 2);
    const wrong: Bijector = {
      forward: (v) => {
        const out = bijector.forward(v);
        return { y: out.y, logDet: tf.add(out.logDet, 0.01) as tf.Scalar };
      },
      inverse: (v) => bijector.inverse(v),
      dispose: () => {},
    };
    expect(logDetError(bijector, x)).toBeLessThan(TOLERANCE);
    expect(logDetError(wrong, x)).toBeGreaterThan(TOLERANCE);
    tf.dispose([...weights, x]);
  });

  it('composes with no kernel beyond the adds that sum the log-determinants', async () => {
    const rng = new Rng(5);
    const parts = [
      actNorm(3, rng),
      coupling('spline', 3, 0, 'tanh', mixing('rotation', 3, rng), rng),
      actNorm(3, rng),
    ];
    const chain = [new Logit([1, 1, 1], 0.01), ...parts.map((p) => p.bijector)];
    const x = unitInputs(3, rng);
    const kernels = async (f: () => void) => (await tf.profile(() => tf.tidy(f))).kernels.length;
    const inputs = [x];
    for (const b of chain.slice(0, -1)) inputs.push(tf.tidy(() => b.forward(inputs.at(-1) as tf.Tensor2D).y));
    let separately = 0;
    for (const [i, b] of chain.entries())
      separately += await kernels(() => b.forward(inputs[i] as tf.Tensor2D));
    // Two per-point terms (logit, coupling) and two scalars (the ActNorms): one add each.
    expect(await kernels(() => forwardChain(chain, x))).toBe(separately + 2);
    for (const b of chain) b.dispose();
    tf.dispose([...parts.flatMap((p) => p.weights), ...inputs]);
  });

  it('initializeChain standardises what each ActNorm sees, given what the bijectors before it make', () => {
    const rng = new Rng(3);
    const parts = [
      actNorm(3, rng),
      coupling('affine', 3, 0, 'tanh', mixing('rotation', 3, rng), rng),
      actNorm(3, rng),
    ];
    const chain = [new Logit([1, 1, 1], 0.01), ...parts.map((p) => p.bijector)];
    const x = tf.tensor2d(
      Float32Array.from({ length: 600 }, () => 0.1 + 0.3 * rng.uniform()),
      [200, 3],
    );
    initializeChain(chain, x);
    tf.tidy(() => {
      const { mean, variance } = tf.moments(forwardChain(chain, x).y, 0);
      for (const v of mean.dataSync()) expect(Math.abs(v)).toBeLessThan(1e-4);
      for (const v of variance.dataSync()) expect(Math.abs(v - 1)).toBeLessThan(1e-3);
    });
    for (const b of chain) b.dispose();
    tf.dispose([...parts.flatMap((p) => p.weights), x]);
  });
});

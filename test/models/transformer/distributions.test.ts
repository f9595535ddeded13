import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/data/rng.js';
import { type BinnedDistribution, binnedLogDensity } from '../../../src/models/transformer/binned.js';
import { CategoricalBins } from '../../../src/models/transformer/categorical.js';
import { LogisticMixtureBins } from '../../../src/models/transformer/logistic-mixture.js';
import { BACKENDS, useBackend } from '../../backends.js';

const COUNT = 21;
const WIDTH = 1 / 20;

/** Head outputs covering the regimes that matter: broad, sharp (narrower than a bin), far outside the support. */
function mixtureRows(): Float32Array {
  const rows = [
    [0, 0, 0, -0.2, 0, 0.3, Math.log(0.2), Math.log(0.05), Math.log(0.1)],
    [2, -1, 0, 0.13, -0.4, 0.41, Math.log(0.001), Math.log(0.02), -20],
    [0, 5, -3, -3, 2, 0, 0, -1, -2],
  ];
  return Float32Array.from(rows.flat());
}

function categoricalRows(): Float32Array {
  return new Rng(4).fillNormal(new Float32Array(3 * COUNT)).map((v) => 3 * v);
}

const cases: Array<[string, BinnedDistribution, () => Float32Array]> = [
  ['logistic mixture', new LogisticMixtureBins(COUNT, WIDTH, 3), mixtureRows],
  ['categorical', new CategoricalBins(COUNT, WIDTH), categoricalRows],
];

function jsLogProbabilities(dist: BinnedDistribution, rows: Float32Array): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < rows.length / dist.outputWidth; i++) {
    const p = new Float64Array(dist.count);
    dist.logBinProbabilities(rows.subarray(i * dist.outputWidth, (i + 1) * dist.outputWidth), p);
    out.push(p);
  }
  return out;
}

describe.each(BACKENDS)('binned output distributions on %s', (backend) => {
  useBackend(backend);

  it.each(cases)(
    '%s: bin probabilities sum to 1 and agree with the differentiable log-probability',
    async (_, dist, rowsOf) => {
      const rows = rowsOf();
      const batch = rows.length / dist.outputWidth;
      const expected = jsLogProbabilities(dist, rows);
      for (const p of expected) expect(p.reduce((a, v) => a + Math.exp(v), 0)).toBeCloseTo(1, 6);
      const output = tf.tensor2d(rows, [batch, dist.outputWidth]);
      for (let k = 0; k < dist.count; k++) {
        const bins = tf.fill([batch], k, 'int32') as tf.Tensor1D;
        const got = await dist.logBinProbability(output, bins).data();
        for (let i = 0; i < batch; i++) {
          const want = expected[i]?.[k] as number;
          // Where float64 differences of CDFs still resolve the bin, float32 log-probabilities must match them.
          if (want > -20) expect(got[i]).toBeCloseTo(want, 3);
          else expect(got[i]).toBeLessThan(-15);
        }
        bins.dispose();
      }
      output.dispose();
    },
  );

  it.each(cases)('%s: density is P(bin) / width, uniform inside each bin', async (_, dist, rowsOf) => {
    const rows = rowsOf().subarray(0, dist.outputWidth);
    const expected = jsLogProbabilities(dist, rows)[0] as Float64Array;
    const values = Float32Array.from([0, 0.001, 0.049, 0.05, 0.3, 0.52, 1.0, 1.04]);
    const logp = tf.tidy(() => {
      const output = tf.tile(tf.tensor2d(rows, [1, dist.outputWidth]), [values.length, 1]) as tf.Tensor2D;
      return binnedLogDensity(dist, output, tf.tensor1d(values));
    });
    const got = await logp.data();
    logp.dispose();
    values.forEach((v, i) => {
      const k = Math.min(Math.floor(v / WIDTH), COUNT - 1);
      expect(got[i]).toBeCloseTo((expected[k] as number) - Math.log(WIDTH), 3);
    });
  });
});

describe('sampling binned distributions', () => {
  it.each(cases)(
    '%s: draws follow the bin probabilities, and P^(1/T) with a temperature',
    (_, dist, rowsOf) => {
      const row = rowsOf().subarray(dist.outputWidth, 2 * dist.outputWidth);
      const n = 20000;
      const repeated = new Float32Array(n * dist.outputWidth);
      for (let i = 0; i < n; i++) repeated.set(row, i * dist.outputWidth);
      const logP = jsLogProbabilities(dist, row)[0] as Float64Array;
      for (const temperature of [1, 0.5]) {
        const draws = dist.sample(repeated, new Rng(temperature * 10), temperature);
        const counts = new Float64Array(dist.count);
        for (const v of draws) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThan(dist.count * dist.width);
          const kcounts = Math.floor(v / dist.width);
          counts[kcounts] = (counts[kcounts] as number) + 1;
        }
        const weights = Array.from(logP, (l) => Math.exp(l / temperature));
        const total = weights.reduce((a, b) => a + b, 0);
        weights.forEach((w, k) => {
          const p = w / total;
          // Four binomial standard deviations, plus a little for bins of tiny probability.
          expect(Math.abs((counts[k] as number) / n - p)).toBeLessThan(
            4 * Math.sqrt((p * (1 - p)) / n) + 2e-4,
          );
        });
      }
    },
  );
});

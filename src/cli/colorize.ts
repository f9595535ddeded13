// Colourising held-out positions: a conditional generator draws (r, g, b) given (x, y) of each test point; its
// error is printed beside a 5-nearest-neighbour baseline (mean colour of the 5 closest training positions).
import type { Points } from '../data/points.js';
import { KdTree } from '../metrics/knn.js';
import { median } from '../metrics/stats.js';
import type { ConditionalGenerator } from '../models/conditional.js';

/** Mean absolute error per channel (r, g, b) of predicted colours against the test points' own. */
export interface ColorizeReport {
  /** One conditional draw per position (what colouring a shape gives). */
  readonly sampleMae: number[];
  /**
   * The model's point estimate under absolute error, each channel's conditional median given the position:
   * exact for the channel generated right after the position (see `exactChannel`), the median of `draws`
   * conditional draws for the others.
   */
  readonly medianMae: number[];
  /** The per-channel mean of the same draws (the point estimate under squared error). */
  readonly meanMae: number[];
  /** Mean colour of the 5 training points closest in (x, y). */
  readonly knnMae: number[];
  readonly draws: number;
  /** The channel (0 r, 1 g, 2 b) whose median is computed exactly, or `null` when the order has none next. */
  readonly exactChannel: number | null;
}

/**
 * Colours the test positions with `draws` conditional draws of (r, g, b) given (x, y) each, and scores one
 * draw, the per-channel median and mean against the truth, beside the 5-nearest-neighbour baseline.
 */
export async function colorize(
  model: ConditionalGenerator,
  train: Points,
  test: Points,
  seed: number,
  draws = 64,
): Promise<ColorizeReport> {
  const n = test.count;
  const xs = Array.from({ length: n }, (_, i) => test.data[i * 5] as number);
  const ys = Array.from({ length: n }, (_, i) => test.data[i * 5 + 1] as number);
  const repeat = (v: number[]) => Array.from({ length: n * draws }, (_, k) => v[k % n] as number);
  const drawn = await model.sample(n * draws, { seed, given: { x: repeat(xs), y: repeat(ys) } });
  const next = await model.conditionalQuantile(n, { given: { x: xs, y: ys } });
  const exactChannel = next.coordinate >= 2 ? next.coordinate - 2 : null;
  const sampleMae = [0, 0, 0];
  const medianMae = [0, 0, 0];
  const meanMae = [0, 0, 0];
  const column = new Float64Array(draws);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      const truth = test.data[i * 5 + 2 + c] as number;
      for (let d = 0; d < draws; d++) column[d] = drawn.data[(d * n + i) * 5 + 2 + c] as number;
      sampleMae[c] = (sampleMae[c] as number) + Math.abs((column[0] as number) - truth) / n;
      const mean = column.reduce((a, v) => a + v, 0) / draws;
      meanMae[c] = (meanMae[c] as number) + Math.abs(mean - truth) / n;
      const estimate = c === exactChannel ? (next.values[i] as number) : median(column);
      medianMae[c] = (medianMae[c] as number) + Math.abs(estimate - truth) / n;
    }
  }
  return { sampleMae, medianMae, meanMae, knnMae: knnBaseline(train, test, 5), draws, exactChannel };
}

function knnBaseline(train: Points, test: Points, k: number): number[] {
  const positions = (p: Points) =>
    Float64Array.from({ length: p.count * 2 }, (_, j) => p.data[(j >> 1) * 5 + (j & 1)] as number);
  const tree = new KdTree({ data: positions(train), count: train.count, dim: 2 });
  const queries = positions(test);
  const ids = new Int32Array(k);
  const distances = new Float64Array(k);
  const mae = [0, 0, 0];
  for (let i = 0; i < test.count; i++) {
    tree.nearest(queries, i * 2, k, -1, ids, distances);
    for (let c = 0; c < 3; c++) {
      const mean = ids.reduce((s, t) => s + (train.data[t * 5 + 2 + c] as number), 0) / k;
      mae[c] = (mae[c] as number) + Math.abs(mean - (test.data[i * 5 + 2 + c] as number)) / test.count;
    }
  }
  return mae;
}

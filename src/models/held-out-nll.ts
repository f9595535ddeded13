import { dequantize } from '../data/lattice.js';
import { type PointsLike, toPoints } from '../data/points.js';
import { type RngLike, toRng } from '../data/rng.js';
import type { Generator } from './generator.js';

/**
 * Options of {@link heldOutNll}.
 *
 * @example
 * ```ts
 * const nll = await heldOutNll(model, test, { draws: 20, seed: 1 });
 * ```
 */
export interface HeldOutNllOptions {
  /** Independent dequantization draws to average over (default 10). */
  readonly draws?: number;
  /**
   * Lattice steps of the noise (default the model's own, as its config holds them after `fit`: 0 for a
   * continuous coordinate; `null`, or a model without a lattice: score the points as they are).
   */
  readonly steps?: readonly number[] | null;
  readonly seed?: RngLike;
}

/**
 * The protocol's held-out score: mean negative log-likelihood in nats per point of `points` dequantized with
 * fresh uniform noise, averaged over several draws (see `docs/protocol.md`). Lower is better.
 *
 * @example
 * ```ts
 * import { heldOutNll, protocolSplit } from 'pointgen';
 * const { train, test } = protocolSplit(points);
 * await model.fit(train);
 * console.log(await heldOutNll(model, test, { seed: 0 }));
 * ```
 */
export async function heldOutNll(
  generator: Generator,
  points: PointsLike,
  options: HeldOutNllOptions = {},
): Promise<number> {
  const pts = toPoints(points, { dim: generator.dim, argument: 'points' });
  const draws = options.draws ?? 10;
  if (!(Number.isInteger(draws) && draws >= 1)) {
    throw new RangeError(`options.draws: expected an integer ≥ 1, got ${draws}`);
  }
  const steps = options.steps === undefined ? modelSteps(generator) : options.steps;
  const rng = toRng(options.seed ?? 0);
  let total = 0;
  for (let d = 0; d < (steps ? draws : 1); d++) {
    const logp = await generator.logProb(steps ? dequantize(pts, steps, rng) : pts);
    for (const v of logp) total -= v;
  }
  return total / (pts.count * (steps ? draws : 1));
}

/** The lattice a model found (or was given) in its data, 0 for a continuous coordinate; `null` without one. */
function modelSteps(generator: Generator): number[] | null {
  const steps = (generator.getConfig() as { latticeSteps?: unknown }).latticeSteps;
  return Array.isArray(steps) ? steps.map((s) => (typeof s === 'number' ? s : 0)) : null;
}

import { dequantize } from '../../data/lattice.js';
import type { Points } from '../../data/points.js';
import type { Rng } from '../../data/rng.js';
import { holdOut } from '../../train/data.js';
import { type GaussianMixtureConfig, scaledComponents } from './config.js';
import { fitEm } from './em.js';
import { concatMixtures, type Mixture } from './mixture.js';
import { boxMass, truncatedLogDensity } from './truncated.js';

/**
 * One EM run of a member.
 *
 * @example
 * ```ts
 * const { mixture } = await gmm.fit(points, { seed: 1 });
 * const unconverged = mixture.members.flatMap((m) => m.restarts).filter((r: RestartRecord) => !r.converged);
 * ```
 */
export interface RestartRecord {
  /** Mean log-likelihood per training point at the last E-step (nats). */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * How `fit` arrived at its mixture (part of the history).
 *
 * @example
 * ```ts
 * import { GaussianMixtureGenerator, type MixtureFitReport } from 'pointgen';
 * const auto = new GaussianMixtureGenerator({ components: 'auto' });
 * const report: MixtureFitReport = (await auto.fit(train, { validation: test, seed: 1 })).mixture;
 * report.search; // each candidate count with its validation NLL, in the order tried
 * ```
 */
export interface MixtureFitReport {
  /** Components per member that were fitted (after `'scaled'` or `'auto'`). */
  readonly components: number;
  /** With `components: 'auto'`: each candidate count and its validation NLL (nats per point), in order tried. */
  readonly search: readonly { readonly components: number; readonly validationNll: number }[] | null;
  /** Per member, its EM runs and which was kept (the best training likelihood). */
  readonly members: readonly { readonly restarts: readonly RestartRecord[]; readonly kept: number }[];
}

/** What one fit needs beyond the configuration. */
export interface MixtureFitContext {
  /** Lattice steps to dequantize with, or `null` for points taken as they are. */
  readonly dequantize: readonly number[] | null;
  /** Explicit validation points for `'auto'`, else a share of the points is held out. */
  readonly validation: Points | null;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly signal: AbortSignal | undefined;
}

const SEARCH_FACTORS = [0.5, 0.75, 1, 1.5, 2];
const VALIDATION_DRAWS = 4;

/** Fits the configured mixture (every member, restarts, the `'auto'` search) to `points`. */
export function fitMixture(
  points: Points,
  config: GaussianMixtureConfig,
  context: MixtureFitContext,
  rng: Rng,
): { mixture: Mixture; report: MixtureFitReport } {
  let components = typeof config.components === 'number' ? config.components : scaledComponents(points.count);
  let search: { components: number; validationNll: number }[] | null = null;
  if (config.components === 'auto') {
    const split = context.validation
      ? { train: points, validation: context.validation }
      : holdOut(points, config.validationFraction, rng.fork());
    const validation = split.validation;
    if (validation === null) throw new RangeError('components "auto": the validation split is empty');
    const held = stacked(
      validation,
      context.dequantize ? VALIDATION_DRAWS : 1,
      context.dequantize,
      rng.fork(),
    );
    const base = scaledComponents(split.train.count);
    const candidates = [...new Set(SEARCH_FACTORS.map((f) => Math.max(1, Math.round(base * f))))];
    search = candidates.map((k) => {
      const { mixture } = fitMembers(split.train, { ...config, components: k, members: 1 }, context, rng);
      return { components: k, validationNll: meanNll(mixture, held, context) };
    });
    components = search.reduce((a, b) => (b.validationNll < a.validationNll ? b : a)).components;
  }
  const { mixture, members } = fitMembers(points, { ...config, components }, context, rng);
  return { mixture, report: { components, search, members } };
}

/** The points as float64, `draws` dequantization draws stacked (or once, as they are). */
export function stacked(
  points: Points,
  draws: number,
  steps: readonly number[] | null,
  rng: Rng,
): { data: Float64Array; n: number } {
  const size = points.count * points.dim;
  const data = new Float64Array(size * (steps ? draws : 1));
  if (!steps) data.set(points.data);
  else for (let r = 0; r < draws; r++) data.set(dequantize(points, steps, rng).data, r * size);
  return { data, n: data.length / points.dim };
}

/** Mean NLL (nats per point) of `set` under the mixture truncated to the support. */
export function meanNll(
  m: Mixture,
  set: { data: Float64Array; n: number },
  context: Pick<MixtureFitContext, 'lower' | 'upper'>,
  logMass = Math.log(boxMass(m, context.lower, context.upper)),
): number {
  const lp = truncatedLogDensity(m, logMass, set.data, set.n, context.lower, context.upper);
  let s = 0;
  for (const v of lp) s -= v;
  return s / set.n;
}

function fitMembers(
  points: Points,
  config: GaussianMixtureConfig & { components: number },
  context: MixtureFitContext,
  rng: Rng,
): { mixture: Mixture; members: MixtureFitReport['members'] } {
  const parts: Mixture[] = [];
  const members: { restarts: RestartRecord[]; kept: number }[] = [];
  for (let m = 0; m < config.members && !(m > 0 && context.signal?.aborted); m++) {
    const set = stacked(points, config.dequantizationDraws, context.dequantize, rng.fork());
    const restarts: RestartRecord[] = [];
    let best: Mixture | null = null;
    let kept = 0;
    for (let r = 0; r < config.restarts && !(r > 0 && context.signal?.aborted); r++) {
      const run = fitEm(set.data, set.n, points.dim, { ...config, signal: context.signal }, rng.fork());
      restarts.push({
        logLikelihood: run.logLikelihood,
        iterations: run.iterations,
        converged: run.converged,
      });
      if (best === null || run.logLikelihood > (restarts[kept] as RestartRecord).logLikelihood) {
        best = run.mixture;
        kept = r;
      }
    }
    parts.push(best as Mixture);
    members.push({ restarts, kept });
  }
  return { mixture: concatMixtures(parts), members };
}

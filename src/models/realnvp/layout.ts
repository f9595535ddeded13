import type { WeightSpec } from '../../io/artifacts.js';
import type { RealNVPConfig } from './config.js';
import { paramsPerCoordinate } from './coupling.js';

/** How a weight starts out in a new model. */
export type WeightInit = 'glorot' | 'zeros' | 'mixing';

/** One weight of a RealNVP model: name, shape, whether `fit` trains it, and how it is initialised. */
export interface LayoutEntry extends WeightSpec {
  readonly trainable: boolean;
  readonly init: WeightInit;
}

/** Conditioning coordinates of coupling `i`: alternately the larger and the smaller half. */
export function couplingSplit(i: number, dim: number): number {
  return i % 2 === 0 ? Math.ceil(dim / 2) : Math.floor(dim / 2);
}

/**
 * Every weight a model with `config` has, in a fixed order: the one description from which new models are
 * initialised and against which model files are checked.
 */
export function realnvpLayout(config: RealNVPConfig): LayoutEntry[] {
  const { dim, hidden, depth } = config;
  const out: LayoutEntry[] = [];
  const norm = (prefix: string) => {
    if (!config.actnorm) return;
    out.push({ name: `${prefix}/log_scale`, shape: [dim], trainable: true, init: 'zeros' });
    out.push({ name: `${prefix}/bias`, shape: [dim], trainable: true, init: 'zeros' });
  };
  norm('input_norm');
  for (let i = 0; i < config.couplings; i++) {
    const split = couplingSplit(i, dim);
    out.push({ name: `coupling${i}/mixing`, shape: [dim, dim], trainable: false, init: 'mixing' });
    const outputs = paramsPerCoordinate(transformShape(config)) * (dim - split);
    const widths = [split, ...Array.from({ length: depth }, () => hidden), outputs];
    for (let j = 0; j + 1 < widths.length; j++) {
      const last = j + 2 === widths.length;
      const shape = [widths[j] as number, widths[j + 1] as number];
      out.push({
        name: `coupling${i}/dense${j}/kernel`,
        shape,
        trainable: true,
        init: last ? 'zeros' : 'glorot',
      });
      out.push({
        name: `coupling${i}/dense${j}/bias`,
        shape: [shape[1] as number],
        trainable: true,
        init: 'zeros',
      });
    }
    norm(`coupling${i}/norm`);
  }
  return out;
}

/** The transform every coupling of `config` applies, without its tensors. */
export function transformShape(
  config: RealNVPConfig,
): { kind: 'affine'; clamp: number } | { kind: 'spline'; bins: number; bound: number } {
  return config.transform === 'spline'
    ? { kind: 'spline', bins: config.bins, bound: config.splineBound }
    : { kind: 'affine', clamp: config.logScaleClamp };
}

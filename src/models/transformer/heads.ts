import type { BinnedDistribution } from './binned.js';
import { CategoricalBins } from './categorical.js';
import { coordinateBins, type MaskedTransformerConfig } from './config.js';
import { LogisticMixtureBins } from './logistic-mixture.js';

/** The output distribution of each position (generation order), as the config's `head` chooses. */
export function outputDistributions(config: MaskedTransformerConfig): BinnedDistribution[] {
  return config.order.map((coordinate) => {
    const { count, width } = coordinateBins(config, coordinate);
    return config.head === 'logistic-mixture'
      ? new LogisticMixtureBins(count, width, config.mixtureComponents)
      : new CategoricalBins(count, width);
  });
}

/** Number of head outputs of a position. */
export function headWidth(config: MaskedTransformerConfig, position: number): number {
  return (outputDistributions(config)[position] as BinnedDistribution).outputWidth;
}

/** The starting bias of a position's head (its weights start at zero, so this is the untrained output). */
export function initialHeadBias(config: MaskedTransformerConfig, position: number): Float32Array {
  const dist = outputDistributions(config)[position];
  if (dist instanceof LogisticMixtureBins) return dist.initialBias();
  return new Float32Array(headWidth(config, position));
}

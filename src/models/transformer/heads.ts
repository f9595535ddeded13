import type { BinnedDistribution } from './binned.js';
import { CategoricalBins } from './categorical.js';
import { binCounts, type TransformerConfig } from './config.js';
import { LogisticMixtureBins } from './logistic-mixture.js';

/** The output distribution of each position (generation order), as the config's `head` chooses. */
export function outputDistributions(config: TransformerConfig): BinnedDistribution[] {
  const counts = binCounts(config);
  return config.order.map((coordinate) => {
    const count = counts[coordinate] as number;
    const width = config.binWidths[coordinate] as number;
    return config.head === 'logistic-mixture'
      ? new LogisticMixtureBins(count, width, config.mixtureComponents)
      : new CategoricalBins(count, width);
  });
}

/** Number of head outputs of a position. */
export function headWidth(config: TransformerConfig, position: number): number {
  if (config.head === 'logistic-mixture') return 3 * config.mixtureComponents;
  return binCounts(config)[config.order[position] as number] as number;
}

/** The starting bias of a position's head (its weights start at zero, so this is the untrained output). */
export function initialHeadBias(config: TransformerConfig, position: number): Float32Array {
  const dist = outputDistributions(config)[position];
  if (dist instanceof LogisticMixtureBins) return dist.initialBias();
  return new Float32Array(headWidth(config, position));
}

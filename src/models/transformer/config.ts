import { DEFAULT_LATTICE_STEPS } from '../../data/dequantize.js';
import { POINT_DIM } from '../../data/points.js';

/**
 * The architecture of a {@link MaskedTransformerGenerator}. Every field is plain data, so a config round-trips
 * through JSON and is saved with the model.
 */
export interface TransformerConfig {
  /** Width of every token (the model dimension). */
  readonly embedDim: number;
  /** Attention heads per block; must divide `embedDim`. */
  readonly heads: number;
  /** Number of pre-LayerNorm transformer blocks. */
  readonly layers: number;
  /** Hidden width of each block's feed-forward network, as a multiple of `embedDim`. */
  readonly mlpRatio: number;
  /** Dropout rate on attention and feed-forward outputs while training (0 disables it). */
  readonly dropout: number;
  /**
   * Sine/cosine pairs of the Fourier features that embed a coordinate's value as a token (frequencies
   * `π·2^k`, `k = 0 … fourierFeatures-1`), so that a small projection can resolve sharp edges of the data.
   */
  readonly fourierFeatures: number;
  /**
   * The order in which coordinates are generated: a permutation of `0 … 4` (default x, y, r, g, b). Conditional
   * sampling fixes a prefix of this order.
   */
  readonly order: readonly number[];
  /**
   * Width of the output bins of each coordinate (in data order). Each coordinate's conditional density is a
   * categorical over bins `[k·w, (k+1)·w)`, uniform inside each bin, covering `[0, (⌊1/w⌋+1)·w)`; the default,
   * the data lattice (1/300 for positions, 1/255 for colours), makes that the exact shape of dequantized data.
   */
  readonly binWidths: readonly number[];
  /**
   * How bin probabilities are parameterised: `'categorical'` gives every bin its own logit; `'logistic-mixture'`
   * integrates a mixture of `mixtureComponents` logistics over each bin (smooth across neighbouring bins).
   */
  readonly head: 'categorical' | 'logistic-mixture';
  /** Components of the logistic mixture when `head` is `'logistic-mixture'`. */
  readonly mixtureComponents: number;
}

/** Named architecture presets of {@link MaskedTransformerGenerator}. */
export type TransformerPreset = 'default' | 'original';

/** The default architecture: small, because the bench shows it fits the 5-D data as well and trains faster. */
export const DEFAULT_TRANSFORMER_CONFIG: TransformerConfig = Object.freeze({
  embedDim: 64,
  heads: 4,
  layers: 2,
  mlpRatio: 2,
  dropout: 0.1,
  fourierFeatures: 8,
  order: Object.freeze([0, 1, 2, 3, 4]),
  binWidths: DEFAULT_LATTICE_STEPS,
  head: 'categorical',
  mixtureComponents: 8,
});

/** The original project's sizes (embedding 128, 4 heads, 4 layers), for side-by-side runs. */
export const ORIGINAL_TRANSFORMER_CONFIG: TransformerConfig = Object.freeze({
  ...DEFAULT_TRANSFORMER_CONFIG,
  embedDim: 128,
  heads: 4,
  layers: 4,
  mlpRatio: 4,
});

/**
 * The architecture of a preset, with `overrides` applied and checked.
 *
 * @throws {RangeError} naming the first field that is out of range.
 *
 * @example
 * ```ts
 * import { transformerConfig } from 'pointgen';
 * const config = transformerConfig('original', { dropout: 0 });
 * config.embedDim; // 128
 * ```
 */
export function transformerConfig(
  preset: TransformerPreset = 'default',
  overrides: Partial<TransformerConfig> = {},
): TransformerConfig {
  if (preset !== 'default' && preset !== 'original') {
    throw new RangeError(`preset: expected 'default' or 'original', got ${String(preset)}`);
  }
  const base = preset === 'original' ? ORIGINAL_TRANSFORMER_CONFIG : DEFAULT_TRANSFORMER_CONFIG;
  return validateTransformerConfig({ ...base, ...overrides });
}

/**
 * Checks every field of a config (e.g. one read from a saved model) and returns a frozen copy.
 *
 * @throws {RangeError} naming the first field that is out of range.
 *
 * @example
 * ```ts
 * import { DEFAULT_TRANSFORMER_CONFIG, validateTransformerConfig } from 'pointgen';
 * validateTransformerConfig({ ...DEFAULT_TRANSFORMER_CONFIG, heads: 3 }); // throws: 64 is not divisible by 3
 * ```
 */
export function validateTransformerConfig(config: TransformerConfig): TransformerConfig {
  if (typeof config !== 'object' || config === null) {
    throw new RangeError(`config: expected an object, got ${String(config)}`);
  }
  positiveInteger('embedDim', config.embedDim);
  positiveInteger('heads', config.heads);
  positiveInteger('layers', config.layers);
  positiveInteger('fourierFeatures', config.fourierFeatures, 0);
  positiveInteger('mixtureComponents', config.mixtureComponents);
  if (config.embedDim % config.heads !== 0) {
    throw new RangeError(`heads: embedDim ${config.embedDim} is not divisible by ${config.heads} heads`);
  }
  if (
    !(
      Number.isFinite(config.mlpRatio) &&
      config.mlpRatio > 0 &&
      Number.isInteger(config.mlpRatio * config.embedDim)
    )
  ) {
    throw new RangeError(
      `mlpRatio: expected a positive number with mlpRatio·embedDim whole, got ${config.mlpRatio}`,
    );
  }
  if (!(config.dropout >= 0 && config.dropout < 1)) {
    throw new RangeError(`dropout: expected a rate in [0, 1), got ${config.dropout}`);
  }
  if (config.head !== 'categorical' && config.head !== 'logistic-mixture') {
    throw new RangeError(`head: expected 'categorical' or 'logistic-mixture', got ${String(config.head)}`);
  }
  const order = Array.from(config.order ?? []);
  const sorted = [...order].sort((a, b) => a - b);
  if (order.length !== POINT_DIM || sorted.some((v, i) => v !== i)) {
    throw new RangeError(`order: expected a permutation of 0…${POINT_DIM - 1}, got [${order}]`);
  }
  const widths = Array.from(config.binWidths ?? []);
  if (widths.length !== POINT_DIM) {
    throw new RangeError(`binWidths: expected ${POINT_DIM} widths, got ${widths.length}`);
  }
  for (const [j, w] of widths.entries()) {
    if (!(Number.isFinite(w) && w > 1e-6 && w <= 1)) {
      throw new RangeError(`binWidths[${j}]: expected a width in (1e-6, 1], got ${w}`);
    }
  }
  return Object.freeze({ ...config, order: Object.freeze(order), binWidths: Object.freeze(widths) });
}

/** Bins of each coordinate (data order): enough bins of its width to cover `[0, 1]` and one lattice step beyond. */
export function binCounts(config: TransformerConfig): number[] {
  return config.binWidths.map((w) => Math.floor(1 / w + 1e-9) + 1);
}

function positiveInteger(name: string, value: number, min = 1): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new RangeError(`${name}: expected an integer ≥ ${min}, got ${value}`);
  }
}

import { BASE_CONFIG, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './spec.js';

/**
 * What {@link trainingCurvesSpec} reads of a training history: a model's `fit` result fits.
 *
 * @example
 * ```ts
 * import type { TrainingHistoryLike } from 'pointgen/plot';
 * const history: TrainingHistoryLike = { epochs: [{ epoch: 1, loss: -2.1, valNll: -2.4 }] };
 * ```
 */
export interface TrainingHistoryLike {
  readonly epochs: readonly { readonly epoch: number; readonly loss: number; readonly valNll: number }[];
}

/**
 * Options of {@link trainingCurvesSpec}.
 *
 * @example
 * ```ts
 * import { trainingCurvesSpec } from 'pointgen/plot';
 * const history = await model.fit(train);
 * const spec = trainingCurvesSpec(history, { title: 'RealNVP training' });
 * ```
 */
export interface TrainingCurvesOptions {
  /** The figure's title. Default `'Training'`. */
  title?: string;
}

const SERIES = [
  ['training loss', '#4c78a8'],
  ['validation NLL', '#e45756'],
] as const;

/**
 * Training loss and validation negative log-likelihood per epoch, one line each. Non-finite values (the `NaN`
 * validation NLL of a run without validation, a diverged epoch) are left out, not drawn as zeros.
 *
 * @throws {TypeError} when `history.epochs` is not an array.
 *
 * @example
 * ```ts
 * import { trainingCurvesSpec } from 'pointgen/plot';
 * const history = await model.fit(train, { validation: test, epochs: 50 });
 * const spec = trainingCurvesSpec(history);
 * ```
 */
export function trainingCurvesSpec(
  history: TrainingHistoryLike,
  options: TrainingCurvesOptions = {},
): VegaLiteSpec {
  if (!Array.isArray(history?.epochs)) {
    throw new TypeError('history: expected an object with an `epochs` array (the result of fit)');
  }
  const values: { epoch: number; series: string; nll: number }[] = [];
  for (const { epoch, loss, valNll } of history.epochs) {
    if (Number.isFinite(loss)) values.push({ epoch, series: 'training loss', nll: loss });
    if (Number.isFinite(valNll)) values.push({ epoch, series: 'validation NLL', nll: valNll });
  }
  // Only the series that have points get a legend entry (a run without validation has no validation NLL).
  const series = SERIES.filter(([name]) => values.some((v) => v.series === name));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Training',
    data: { values },
    width: 480,
    height: 300,
    mark: { type: 'line', point: { size: 25 }, strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: {
        field: 'nll',
        type: 'quantitative',
        title: 'negative log-likelihood (nats per point)',
        scale: { zero: false },
      },
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: series.map(([name]) => name), range: series.map(([, colour]) => colour) },
        title: null,
      },
    },
    config: { ...BASE_CONFIG, legend: { ...BASE_CONFIG.legend, orient: 'top' } },
  };
}

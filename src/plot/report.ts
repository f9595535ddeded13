import type { PointsLike } from '../data/points.js';
import { histogramsSpec } from './histograms.js';
import { pointsImageSpec } from './image.js';
import { pcaSpec } from './pca-plot.js';
import { scatterSpec } from './scatter.js';
import type { PlotOptions, VegaLiteSpec } from './spec.js';
import { type TrainingHistoryLike, trainingCurvesSpec } from './training.js';

/**
 * What {@link reportPlots} draws.
 *
 * @example
 * ```ts
 * import { reportPlots, type ReportPlotsInput } from 'pointgen/plot';
 * const history = await model.fit(train);
 * const input: ReportPlotsInput = { real: test, generated: samples, history, label: 'RealNVP' };
 * const specs = reportPlots(input);
 * ```
 */
export interface ReportPlotsInput extends Pick<PlotOptions, 'maxPoints' | 'seed'> {
  /** The reference points (for instance the test split). */
  real: PointsLike;
  /** The model's samples. */
  generated: PointsLike;
  /** The model's training history; without it there is no `training` figure. */
  history?: TrainingHistoryLike;
  /** A name for the model, put in front of every title (for instance `'RealNVP'`). */
  label?: string;
}

/**
 * The figures of {@link reportPlots}, by name (the file name that `writePlots` of `pointgen/node` gives them).
 *
 * @example
 * ```ts
 * import type { ReportPlots } from 'pointgen/plot';
 * const names: (keyof ReportPlots)[] = ['histograms', 'scatter', 'pca', 'image', 'training'];
 * ```
 */
export interface ReportPlots {
  readonly histograms: VegaLiteSpec;
  readonly scatter: VegaLiteSpec;
  readonly pca: VegaLiteSpec;
  /** The generated points as a picture. */
  readonly image: VegaLiteSpec;
  /** Present when a `history` was given. */
  readonly training?: VegaLiteSpec;
}

/**
 * Every figure of a model evaluation at once: histograms, scatter, PCA, the generated points as a picture, and
 * the training curves when a history is given.
 *
 * @throws {InvalidPointsError} when `real` or `generated` is not a set of 5-D points with finite values.
 *
 * @example
 * ```ts
 * import { reportPlots } from 'pointgen/plot';
 * import { writePlots } from 'pointgen/node';
 * const history = await model.fit(train, { validation: test });
 * const specs = reportPlots({ real: test, generated: await model.sample(1000), history, label: 'RealNVP' });
 * await writePlots(specs, 'out/plots'); // out/plots/histograms.svg, histograms.png, scatter.svg, …
 * ```
 */
export function reportPlots(input: ReportPlotsInput): ReportPlots {
  const { real, generated, history, label, maxPoints, seed } = input;
  const titled = (title: string) => ({
    title: label === undefined ? title.charAt(0).toUpperCase() + title.slice(1) : `${label}: ${title}`,
    maxPoints,
    seed,
  });
  return {
    histograms: histogramsSpec(real, generated, titled('real and generated points, per dimension')),
    scatter: scatterSpec(real, generated, titled('real and generated points')),
    pca: pcaSpec(real, generated, titled('principal components, real and generated')),
    image: pointsImageSpec(generated, titled('generated points')),
    ...(history === undefined
      ? {}
      : { training: trainingCurvesSpec(history, { title: titled('training').title }) }),
  };
}

import type { PointsLike } from '../data/points.js';
import { fitPca, projectPca } from './pca.js';
import {
  BASE_CONFIG,
  type PlotOptions,
  plotPoints,
  round4,
  setColorScale,
  VEGA_LITE_SCHEMA,
  type VegaLiteSpec,
} from './spec.js';

/**
 * The first two principal components of real and generated points, overlaid. The PCA is fitted on the real
 * points (all of them, before any subsampling) and applied to both sets, so that the two clouds share axes;
 * the axis titles give the share of the real variance along each.
 *
 * @throws {InvalidPointsError} when `real` or `generated` is not a set of 5-D points with finite values.
 *
 * @example
 * ```ts
 * import { pcaSpec } from 'pointgen/plot';
 * const spec = pcaSpec(real, generated, { title: 'RealNVP, PCA' });
 * ```
 */
export function pcaSpec(real: PointsLike, generated: PointsLike, options: PlotOptions = {}): VegaLiteSpec {
  const model = fitPca(plotPoints(real, 'real', { ...options, maxPoints: Number.MAX_SAFE_INTEGER }), 'real');
  const values: { set: string; pc1: number; pc2: number }[] = [];
  for (const [set, input] of [
    ['real', real],
    ['generated', generated],
  ] as const) {
    const xy = projectPca(model, plotPoints(input, set, options), 2);
    for (let i = 0; i < xy.length; i += 2) {
      values.push({ set, pc1: round4(xy[i] as number), pc2: round4(xy[i + 1] as number) });
    }
  }
  const percent = (k: number) => `${((model.explained[k] as number) * 100).toFixed(1)}%`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.title ?? 'Principal components, real and generated',
      subtitle: 'PCA fitted on the real points, applied to both',
    },
    data: { values },
    width: 400,
    height: 400,
    mark: { type: 'circle', size: 12, fillOpacity: 0.45, strokeWidth: 0 },
    encoding: {
      x: { field: 'pc1', type: 'quantitative', title: `PC 1 (${percent(0)} of the variance)` },
      y: { field: 'pc2', type: 'quantitative', title: `PC 2 (${percent(1)} of the variance)` },
      color: { field: 'set', type: 'nominal', scale: setColorScale(), title: null },
      order: { field: 'set', sort: 'descending' },
    },
    config: { ...BASE_CONFIG, legend: { ...BASE_CONFIG.legend, orient: 'top', symbolOpacity: 1 } },
  };
}

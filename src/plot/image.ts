import type { PointsLike } from '../data/points.js';
import { dots, panelSize, positionDomain, positionEncoding, type ScatterOptions } from './scatter.js';
import { BASE_CONFIG, plotPoints, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './spec.js';

/**
 * A point set drawn as a picture: each point a dot of its own colour on white, no axes, no frame (like the
 * original project's `gen_points.png`). Without a `title`, the picture has none.
 *
 * @throws {InvalidPointsError} when `points` is not a set of 5-D points with finite values.
 *
 * @example
 * ```ts
 * import { pointsImageSpec } from 'pointgen/plot';
 * import { renderPlot } from 'pointgen/node';
 * await renderPlot(pointsImageSpec(await model.sample(5000)), 'out/generated', { formats: ['png'] });
 * ```
 */
export function pointsImageSpec(points: PointsLike, options: ScatterOptions = {}): VegaLiteSpec {
  const size = panelSize(options);
  const pts = plotPoints(points, 'points', options);
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(options.title === undefined ? {} : { title: options.title }),
    data: { values: dots(pts) },
    width: size,
    height: size,
    padding: 8,
    mark: { type: 'circle', size: 14, opacity: 1, strokeWidth: 0 },
    encoding: positionEncoding(options, false, positionDomain(pts)),
    config: { ...BASE_CONFIG, view: { stroke: null } },
  };
}

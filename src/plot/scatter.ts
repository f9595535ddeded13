import type { Points, PointsLike } from '../data/points.js';
import {
  BASE_CONFIG,
  type PlotOptions,
  plotPoints,
  pointColor,
  round4,
  VEGA_LITE_SCHEMA,
  type VegaLiteSpec,
} from './spec.js';

/**
 * Options of {@link scatterSpec} and {@link pointsImageSpec}.
 *
 * @example
 * ```ts
 * import { scatterSpec } from 'pointgen/plot';
 * const spec = scatterSpec(real, generated, { orientation: 'xy', size: 600 });
 * ```
 */
export interface ScatterOptions extends PlotOptions {
  /**
   * `'image'` (default): the quiz convention, where `x` is the image row and `y` the column, so `y` runs
   * left to right and `x` top to bottom and the π stands upright. `'xy'`: `x` to the right, `y` up.
   */
  orientation?: 'image' | 'xy';
  /** Side of each square panel in pixels. Default 400. */
  size?: number;
}

/** One row of scatter data: position, the point's own colour, and its set. */
type Dot = { x: number; y: number; c: string; set?: string };

/** The dots of a point set, with their colours as `#rrggbb`. */
export function dots(points: Points, set?: string): Dot[] {
  const out: Dot[] = new Array(points.count);
  for (let i = 0; i < points.count; i++) {
    const [x, y, r, g, b] = points.data.subarray(i * points.dim, i * points.dim + 5) as unknown as number[];
    out[i] = {
      x: round4(x as number),
      y: round4(y as number),
      c: pointColor(r as number, g as number, b as number),
    };
    if (set !== undefined) (out[i] as Dot).set = set;
  }
  return out;
}

/** The position channels of a dot chart, in the chosen orientation. */
export function positionEncoding(
  options: ScatterOptions,
  withAxes: boolean,
  domain: readonly [number, number],
): Record<string, unknown> {
  const image = (options.orientation ?? 'image') === 'image';
  const axis = (title: string) => (withAxes ? { title, grid: false, tickCount: 5 } : null);
  const [horizontal, vertical] = image ? ['y', 'x'] : ['x', 'y'];
  const [hTitle, vTitle] = image ? ['y (column)', 'x (row)'] : ['x', 'y'];
  return {
    x: { field: horizontal, type: 'quantitative', scale: { domain, nice: false }, axis: axis(hTitle) },
    y: {
      field: vertical,
      type: 'quantitative',
      scale: { domain, nice: false, reverse: image },
      axis: axis(vTitle),
    },
    color: { field: 'c', type: 'nominal', scale: null, legend: null },
  };
}

/**
 * The range of both position axes: [0, 1], widened to show every point when some lie outside (as a model's
 * samples may), so that no failure is hidden.
 */
export function positionDomain(...sets: readonly Points[]): [number, number] {
  let lo = 0;
  let hi = 1;
  for (const { data, count, dim } of sets) {
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < 2; j++) {
        const v = data[i * dim + j] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return [lo, hi];
}

/** Side of a panel, validated. */
export function panelSize(options: ScatterOptions): number {
  const size = options.size ?? 400;
  if (!(Number.isFinite(size) && size >= 50))
    throw new RangeError(`size: expected at least 50 pixels, got ${size}`);
  return size;
}

/**
 * Real and generated points side by side, two square panels on the same scale, each dot filled with the
 * point's own colour `(r, g, b)`: the figure that shows at a glance whether a model drew the π.
 *
 * @throws {InvalidPointsError} when `real` or `generated` is not a set of 5-D points with finite values.
 *
 * @example
 * ```ts
 * import { datasets } from 'pointgen';
 * import { scatterSpec } from 'pointgen/plot';
 * const spec = scatterSpec(datasets.coloredPi(), await model.sample(5000));
 * ```
 */
export function scatterSpec(
  real: PointsLike,
  generated: PointsLike,
  options: ScatterOptions = {},
): VegaLiteSpec {
  const size = panelSize(options);
  const realPoints = plotPoints(real, 'real', options);
  const generatedPoints = plotPoints(generated, 'generated', options);
  const values = [...dots(realPoints, 'real'), ...dots(generatedPoints, 'generated')];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Real and generated points',
    data: { values },
    facet: {
      column: {
        field: 'set',
        type: 'nominal',
        sort: ['real', 'generated'],
        title: null,
        header: { labelExpr: "datum.value === 'real' ? 'Real' : 'Generated'", labelFontWeight: 'bold' },
      },
    },
    spec: {
      width: size,
      height: size,
      mark: { type: 'circle', size: 14, opacity: 1, strokeWidth: 0 },
      encoding: positionEncoding(options, true, positionDomain(realPoints, generatedPoints)),
    },
    config: BASE_CONFIG,
  };
}

import { POINT_DIM, type Points, type PointsLike, toPoints } from '../data/points.js';
import type { RngLike } from '../data/rng.js';
import { subsample } from './subsample.js';

/**
 * A Vega-Lite specification as plain JSON: render it with `renderPlot` from `pointgen/node`, paste it into
 * the [Vega editor](https://vega.github.io/editor/), or display it in a notebook. Typed loosely on purpose, so
 * that pointgen's declarations do not depend on vega-lite's.
 *
 * @example
 * ```ts
 * import { scatterSpec, type VegaLiteSpec } from 'pointgen/plot';
 * const spec: VegaLiteSpec = scatterSpec(real, generated);
 * JSON.stringify(spec); // a .vl.json file
 * ```
 */
export type VegaLiteSpec = { readonly [key: string]: unknown };

/**
 * Options that every point plot of `pointgen/plot` accepts.
 *
 * @example
 * ```ts
 * import { scatterSpec, type PlotOptions } from 'pointgen/plot';
 * const options: PlotOptions = { title: 'RealNVP', maxPoints: 2000, seed: 1 };
 * const spec = scatterSpec(real, generated, options);
 * ```
 */
export interface PlotOptions {
  /** The figure's title. Each plot has a default one. */
  title?: string;
  /**
   * Point sets larger than this are drawn through a random subset of this many points, so that specs stay
   * small (about 100 bytes per point). Default 5000.
   */
  maxPoints?: number;
  /** Seed (or `Rng`) of that subset, so that the same inputs always give the same figure. Default 0. */
  seed?: RngLike;
}

/**
 * The default {@link PlotOptions.maxPoints}.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_POINTS, scatterSpec } from 'pointgen/plot';
 * const spec = scatterSpec(real, generated, { maxPoints: 2 * DEFAULT_MAX_POINTS });
 * ```
 */
export const DEFAULT_MAX_POINTS = 5000;

/**
 * The colours of the real and generated points, the same in every figure of `pointgen/plot` (Tableau blue
 * and orange), for figures of your own that match.
 *
 * @example
 * ```ts
 * import { SET_COLORS } from 'pointgen/plot';
 * SET_COLORS.generated; // '#f58518'
 * ```
 */
export const SET_COLORS = { real: '#4c78a8', generated: '#f58518' } as const;

/** The schema every spec declares. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** White backgrounds (rather than transparent ones) and readable fonts, shared by every figure. */
export const BASE_CONFIG = {
  background: 'white',
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  title: { fontSize: 16, anchor: 'start', offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  header: { labelFontSize: 13, titleFontSize: 13 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
} as const;

/** The colour scale of a real-versus-generated figure. */
export function setColorScale(): { domain: string[]; range: string[] } {
  return { domain: ['real', 'generated'], range: [SET_COLORS.real, SET_COLORS.generated] };
}

/**
 * Validates a point set for plotting (five finite coordinates per point, named `argument` in errors) and
 * subsamples it to `maxPoints`.
 */
export function plotPoints(input: PointsLike, argument: string, options: PlotOptions): Points {
  const points = toPoints(input, { dim: POINT_DIM, argument });
  return subsample(points, options.maxPoints ?? DEFAULT_MAX_POINTS, options.seed ?? 0);
}

/** Rounds for JSON: plots need no more than four decimals, and specs stay small. */
export function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** The CSS colour of a point's `(r, g, b)` in [0, 1], clamped, as `#rrggbb`. */
export function pointColor(r: number, g: number, b: number): string {
  let hex = '#';
  for (const c of [r, g, b]) {
    const level = Math.round(Math.min(1, Math.max(0, c)) * 255);
    hex += level.toString(16).padStart(2, '0');
  }
  return hex;
}

import { POINT_COLUMNS, type Points, type PointsLike } from '../data/points.js';
import { column } from '../metrics/validate.js';
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
 * Options of {@link histogramsSpec}.
 *
 * @example
 * ```ts
 * import { histogramsSpec } from 'pointgen/plot';
 * const spec = histogramsSpec(real, generated, { bins: 40, title: 'RealNVP' });
 * ```
 */
export interface HistogramsOptions extends PlotOptions {
  /** Bins per dimension, an integer of at least 2. Default 30. */
  bins?: number;
}

const LABELS: Readonly<Record<(typeof POINT_COLUMNS)[number], string>> = {
  x: 'x (row)',
  y: 'y (column)',
  r: 'r (red)',
  g: 'g (green)',
  b: 'b (blue)',
};

/** Points of each density curve. */
const CURVE_POINTS = 120;

/**
 * Per-dimension histograms of real and generated points (x, y, r, g, b side by side), overlaid, each with a
 * Gaussian kernel density curve (Silverman's bandwidth). Bins and curves are computed here, so the spec holds
 * a few thousand numbers whatever the size of the sets, and renders without any transform.
 *
 * @throws {InvalidPointsError} when `real` or `generated` is not a set of 5-D points with finite values.
 * @throws {RangeError} for a bad `bins` or `maxPoints`.
 *
 * @example
 * ```ts
 * import { histogramsSpec } from 'pointgen/plot';
 * import { renderPlot } from 'pointgen/node';
 * await renderPlot(histogramsSpec(real, generated), 'out/histograms'); // out/histograms.svg, .png
 * ```
 */
export function histogramsSpec(
  real: PointsLike,
  generated: PointsLike,
  options: HistogramsOptions = {},
): VegaLiteSpec {
  const bins = options.bins ?? 30;
  if (!Number.isSafeInteger(bins) || bins < 2) {
    throw new RangeError(`bins: expected an integer of at least 2, got ${bins}`);
  }
  const sets = [
    ['real', plotPoints(real, 'real', options)],
    ['generated', plotPoints(generated, 'generated', options)],
  ] as const;
  const values: Record<string, string | number>[] = [];
  POINT_COLUMNS.forEach((name, j) => {
    const dimension = LABELS[name];
    const columns = sets.map(([, points]) => column(points, j));
    const lo = Math.min(0, ...columns.map(min));
    const hi = Math.max(1, ...columns.map(max));
    sets.forEach(([set], s) => {
      const v = columns[s] as Float64Array;
      const width = (hi - lo) / bins;
      for (const [k, density] of histogram(v, lo, hi, bins).entries()) {
        const start = lo + k * width;
        values.push({
          kind: 'bin',
          dimension,
          set,
          start: round4(start),
          end: round4(start + width),
          density: round4(density),
        });
      }
      const bandwidth = silverman(v);
      for (let k = 0; k < CURVE_POINTS; k++) {
        const at = lo + ((hi - lo) * k) / (CURVE_POINTS - 1);
        values.push({
          kind: 'curve',
          dimension,
          set,
          value: round4(at),
          density: round4(kde(v, at, bandwidth)),
        });
      }
    });
  });
  const colour = { field: 'set', type: 'nominal', scale: setColorScale(), title: null };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title ?? 'Real and generated points, per dimension', subtitle: subtitle(sets) },
    data: { values },
    facet: { field: 'dimension', type: 'nominal', sort: Object.values(LABELS), title: null },
    columns: 5,
    spec: {
      width: 200,
      height: 160,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'bin'" }],
          mark: { type: 'rect', opacity: 0.35 },
          encoding: {
            x: { field: 'start', type: 'quantitative', title: null, scale: { nice: false } },
            x2: { field: 'end' },
            y: { field: 'density', type: 'quantitative', title: 'density' },
            color: colour,
          },
        },
        {
          transform: [{ filter: "datum.kind === 'curve'" }],
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: { field: 'value', type: 'quantitative' },
            y: { field: 'density', type: 'quantitative' },
            color: colour,
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
    config: { ...BASE_CONFIG, legend: { ...BASE_CONFIG.legend, orient: 'top', symbolType: 'square' } },
  };
}

function subtitle(sets: readonly (readonly [string, Points])[]): string {
  return (
    sets.map(([set, points]) => `${points.count} ${set}`).join(', ') +
    ' points; bars: histogram, lines: kernel density'
  );
}

function min(v: Float64Array): number {
  return v.reduce((m, x) => Math.min(x, m), Number.POSITIVE_INFINITY);
}

function max(v: Float64Array): number {
  return v.reduce((m, x) => Math.max(x, m), Number.NEGATIVE_INFINITY);
}

/** Densities (integrating to 1) of `bins` equal bins over [lo, hi]; the last bin includes `hi`. */
function histogram(v: Float64Array, lo: number, hi: number, bins: number): Float64Array {
  const counts = new Float64Array(bins);
  for (const x of v) {
    const k = Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo)) * bins));
    counts[k] = (counts[k] as number) + 1;
  }
  const scale = bins / ((hi - lo) * v.length);
  return counts.map((c) => c * scale);
}

/** Silverman's rule of thumb, floored so that a constant column still draws a (narrow) curve. */
function silverman(v: Float64Array): number {
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1));
  const sorted = Float64Array.from(v).sort();
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  const spread = Math.min(sd, iqr / 1.34) || sd;
  return Math.max(1e-3, 0.9 * spread * n ** -0.2);
}

function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const i = Math.floor(at);
  const lo = sorted[i] as number;
  return lo + ((sorted[Math.min(i + 1, sorted.length - 1)] as number) - lo) * (at - i);
}

function kde(v: Float64Array, at: number, bandwidth: number): number {
  let s = 0;
  for (const x of v) s += Math.exp(-0.5 * ((at - x) / bandwidth) ** 2);
  return s / (v.length * bandwidth * Math.sqrt(2 * Math.PI));
}

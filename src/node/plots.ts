import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFilesAtomic } from '../io/node-fs.js';
import type { VegaLiteSpec } from '../plot/spec.js';
import { loadOptionalPeer } from './optional-peer.js';

/**
 * Options of {@link renderPlot} and {@link writePlots}.
 *
 * @example
 * ```ts
 * import { renderPlot, type RenderPlotOptions } from 'pointgen/node';
 * const options: RenderPlotOptions = { formats: ['png'], scale: 3 };
 * await renderPlot(spec, 'out/scatter', options);
 * ```
 */
export interface RenderPlotOptions {
  /** The files to write. Default `['svg', 'png']`. */
  formats?: readonly ('svg' | 'png')[];
  /** Pixels per SVG unit in the PNG, a number in (0, 10]. Default 2, sharp on high-density screens. */
  scale?: number;
}

const FORMATS = ['svg', 'png'] as const;

/**
 * Renders a Vega-Lite spec to an SVG document, in Node, without a browser: Vega-Lite compiles it, Vega draws
 * it headless.
 *
 * Needs the optional peer dependencies `vega` and `vega-lite` (`npm install vega vega-lite`).
 *
 * @throws {Error} when they are not installed (saying how to install them), or when the spec is invalid.
 *
 * @example
 * ```ts
 * import { datasets } from 'pointgen';
 * import { pointsImageSpec } from 'pointgen/plot';
 * import { plotToSvg } from 'pointgen/node';
 * const svg = await plotToSvg(pointsImageSpec(datasets.coloredPi())); // '<svg …'
 * ```
 */
export async function plotToSvg(spec: VegaLiteSpec): Promise<string> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new TypeError('spec: expected a Vega-Lite specification (a plain object)');
  }
  const [vega, vegaLite] = await loadOptionalPeer(
    () => Promise.all([import('vega'), import('vega-lite')]),
    'rendering plots',
    'vega vega-lite',
  );
  let view: InstanceType<typeof vega.View>;
  try {
    const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  } catch (e) {
    throw new Error(`spec: not a valid Vega-Lite specification (${(e as Error).message})`, { cause: e });
  }
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec (from `pointgen/plot`, or any other) to `path.svg` and `path.png`. A `.svg` or
 * `.png` extension on `path` is dropped; missing directories are created.
 *
 * Needs the optional peer dependencies `vega` and `vega-lite`, and `sharp` for PNG files
 * (`npm install vega vega-lite sharp`).
 *
 * @returns The paths of the files written.
 * @throws {Error} when a needed package is not installed (saying how to install it), or the spec is invalid.
 * @throws {RangeError} for unknown formats or a bad scale.
 *
 * @example
 * ```ts
 * import { datasets } from 'pointgen';
 * import { scatterSpec } from 'pointgen/plot';
 * import { renderPlot } from 'pointgen/node';
 * const files = await renderPlot(scatterSpec(datasets.coloredPi(), samples), 'out/scatter');
 * // ['out/scatter.svg', 'out/scatter.png']
 * ```
 */
export async function renderPlot(
  spec: VegaLiteSpec,
  path: string,
  options: RenderPlotOptions = {},
): Promise<string[]> {
  if (typeof path !== 'string' || path === '') throw new TypeError('path: expected a file path');
  const formats = options.formats ?? FORMATS;
  if (!Array.isArray(formats) || formats.length === 0 || formats.some((f) => !FORMATS.includes(f))) {
    throw new RangeError(
      `formats: expected a non-empty list of 'svg' and 'png', got ${JSON.stringify(formats)}`,
    );
  }
  const scale = options.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 10)) {
    throw new RangeError(`scale: expected a number in (0, 10], got ${scale}`);
  }
  const base = path.replace(/\.(svg|png)$/i, '');
  const svg = await plotToSvg(spec);
  await mkdir(dirname(base), { recursive: true });
  const files: { path: string; content: string | Uint8Array }[] = [];
  if (formats.includes('svg')) files.push({ path: `${base}.svg`, content: svg });
  if (formats.includes('png')) {
    const sharp = (await loadOptionalPeer(() => import('sharp'), 'rendering plots to PNG', 'sharp')).default;
    // librsvg reads SVG units at 72 dpi: this density gives `scale` pixels per unit.
    const png = await sharp(Buffer.from(svg), { density: 72 * scale })
      .png()
      .toBuffer();
    files.push({ path: `${base}.png`, content: png });
  }
  // A failed write leaves the previous figures whole.
  await writeFilesAtomic(files);
  return files.map((f) => f.path);
}

/**
 * Renders several named specs (such as the result of `reportPlots` from `pointgen/plot`) to
 * `<dir>/<name>.svg` and `<dir>/<name>.png`; `undefined` entries are skipped.
 *
 * @returns The paths of the files written, in the order of `specs`.
 * @throws {Error} as {@link renderPlot}, and for a name that is not a plain file name.
 *
 * @example
 * ```ts
 * import { reportPlots } from 'pointgen/plot';
 * import { writePlots } from 'pointgen/node';
 * await writePlots(reportPlots({ real: test, generated: samples, label: 'RealNVP' }), 'out/plots');
 * ```
 */
export async function writePlots<Specs extends { readonly [K in keyof Specs]?: VegaLiteSpec }>(
  specs: Specs,
  dir: string,
  options: RenderPlotOptions = {},
): Promise<string[]> {
  if (typeof dir !== 'string' || dir === '') throw new TypeError('dir: expected a directory path');
  const written: string[] = [];
  for (const [name, spec] of Object.entries(specs) as [string, VegaLiteSpec | undefined][]) {
    if (spec === undefined) continue;
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) {
      throw new RangeError(`specs: '${name}' is not usable as a file name`);
    }
    written.push(...(await renderPlot(spec, join(dir, name), options)));
  }
  return written;
}

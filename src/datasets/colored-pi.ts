import { POINT_DIM, type Points } from '../data/points.js';
import { type RngLike, toRng } from '../data/rng.js';
import { fieldColor } from './pi-color.js';
import { glyphRaster } from './pi-glyph.js';

/**
 * Options of {@link coloredPi}.
 *
 * @example
 * ```ts
 * import { datasets } from 'pointgen';
 * const options: datasets.ColoredPiOptions = { count: 1000, seed: 7 };
 * const small = datasets.coloredPi(options);
 * ```
 */
export interface ColoredPiOptions {
  /** The number of points, a positive integer. Default 5000, the size of the quiz data. */
  count?: number;
  /** A seed or an `Rng`. Default 0, so that `coloredPi()` is always the same set. */
  seed?: RngLike;
}

/** Positions lie on the pixel grid of a 300×300 image. */
const SIDE = 300;
/** Colours are 8-bit channels. */
const LEVELS = 255;

/**
 * Up to this many points, every point sits on its own pixel, as in the quiz data (which picks 5000 distinct
 * pixels of its image). The glyph covers about 22 000 pixels, so larger sets are drawn with replacement
 * instead of slowing down as the free pixels run out.
 */
const DISTINCT_LIMIT = 10_000;

/**
 * Per-point colour jitter in 8-bit units, as measured on the quiz image: a shared brightness term (which makes
 * the channels' jitter correlated, as there) plus an independent term per channel.
 */
const SHARED_JITTER = 9;
const CHANNEL_JITTER: readonly [number, number, number] = [7, 6, 12];

/**
 * A colour π, drawn by pointgen's own geometry: the library's built-in data set, so that examples, tests and
 * the demo run with no files. It resembles the quiz image that the original project trained on: a glyph with a
 * hooked bar and two curved legs, pale grey-blue along the bar, cyan at its tip, shading to magenta violet at
 * the left foot and deep violet at the right one, with a little per-point colour noise.
 *
 * Points follow the quiz convention: `x = row / 300` and `y = column / 300` of a 300×300 picture (so `x` runs
 * top to bottom), on a 1/300 lattice; colours are on a 1/255 lattice; all values in [0, 1]. Rows come in random
 * order, so the protocol split (`i % 5 == 4` to test) is a fair one. The same seed gives bit-identical output.
 *
 * @throws {RangeError} when `count` is not a positive integer.
 *
 * @example
 * ```ts
 * import { datasets, protocolSplit } from 'pointgen';
 * const pi = datasets.coloredPi(); // 5000 points, always the same ones
 * const small = datasets.coloredPi({ count: 500, seed: 7 });
 * const { train, test } = protocolSplit(pi);
 * ```
 */
export function coloredPi({ count = 5000, seed = 0 }: ColoredPiOptions = {}): Points {
  if (!Number.isSafeInteger(count) || count <= 0) {
    throw new RangeError(`count: expected a positive integer, got ${count}`);
  }
  const rng = toRng(seed);
  const { minRow, minCol, rows, cols, weight } = glyphRaster();
  const taken = count <= DISTINCT_LIMIT ? new Uint8Array(rows * cols) : undefined;
  const data = new Float32Array(count * POINT_DIM);
  const colour = new Float64Array(3);
  for (let i = 0; i < count; ) {
    // Rejection sampling: a uniform pixel of the glyph's box, kept with the glyph's weight there.
    const cell = rng.int(rows * cols);
    if (taken?.[cell] || rng.uniform() >= (weight[cell] as number)) continue;
    if (taken) taken[cell] = 1;
    const row = minRow + Math.floor(cell / cols);
    const col = minCol + (cell % cols);
    const o = i * POINT_DIM;
    data[o] = row / SIDE;
    data[o + 1] = col / SIDE;
    fieldColor(row, col, colour);
    const shared = SHARED_JITTER * rng.normal();
    for (let c = 0; c < 3; c++) {
      const level = Math.round(
        (colour[c] as number) + shared + CHANNEL_JITTER[c as 0 | 1 | 2] * rng.normal(),
      );
      data[o + 2 + c] = Math.min(LEVELS, Math.max(0, level)) / LEVELS;
    }
    i++;
  }
  return { data, count, dim: POINT_DIM };
}

import { POINT_DIM, type Points } from './points.js';

/**
 * A decoded 8-bit image: `height` rows of `width` pixels, row-major, `channels` bytes per pixel (RGB or RGBA;
 * alpha is ignored). `ImageData` from a canvas fits with `channels: 4`.
 *
 * @example
 * ```ts
 * import type { RgbImage } from 'pointgen';
 * const ctx = canvas.getContext('2d')!;
 * const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
 * const image: RgbImage = { pixels: data, width, height, channels: 4 };
 * ```
 */
export interface RgbImage {
  readonly pixels: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
}

/**
 * Options of {@link pointsFromImage} and `loadPiQuiz`.
 *
 * @example
 * ```ts
 * import type { ImagePointsOptions } from 'pointgen';
 * const options: ImagePointsOptions = { convention: 'aspect' };
 * ```
 */
export interface ImagePointsOptions {
  /**
   * How pixel indices become positions:
   * - `'original'` (the default, the colored-π project's): `x = row / width`, `y = col / height`; on a
   *   non-square image one of them reaches past 1 and the picture is stretched,
   * - `'aspect'`: both divided by the same size, `max(width, height)`, so every position lies in [0, 1) and
   *   the picture keeps its shape.
   */
  readonly convention?: 'original' | 'aspect';
}

/**
 * Builds colour points from pixels of an image. With the convention of the original colored-π project (the
 * default, kept so that results compare), for point `i`, with `row = rows[i]` and `col = cols[i]`:
 * `x = row / width`, `y = col / height`, `(r, g, b) = image[row, col] / 255`.
 *
 * So `x` follows image rows (top to bottom) and `y` follows columns, and, as in the original, `x` is divided
 * by the width and `y` by the height (the same thing for the square π image). On a non-square image this
 * gives positions past 1 (`y` up to `width / height`): pass `{ convention: 'aspect' }` to divide both by
 * `max(width, height)` instead. Each value is computed in float64 and rounded once to float32.
 *
 * @param rows Row index of each point, an integer in `[0, height)`.
 * @param cols Column index of each point, an integer in `[0, width)`.
 * @throws {RangeError} for a bad image shape, a pixel buffer of the wrong size, `rows` and `cols` of
 * different lengths, an index that is not an integer inside the image (named, never wrapped around), or an
 * unknown convention.
 *
 * @example
 * ```ts
 * import { pointsFromImage } from 'pointgen';
 * const image = { pixels: new Uint8Array([255, 0, 0, 0, 0, 255]), width: 2, height: 1, channels: 3 } as const;
 * const points = pointsFromImage(image, [0], [1]); // x = 0, y = 1, blue
 * pointsFromImage(image, [0], [1], { convention: 'aspect' }); // x = 0, y = 0.5, blue
 * ```
 */
export function pointsFromImage(
  image: RgbImage,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  options: ImagePointsOptions = {},
): Points {
  const { pixels, width, height, channels } = image;
  const convention = options.convention ?? 'original';
  if (convention !== 'original' && convention !== 'aspect') {
    throw new RangeError(`options.convention: expected 'original' or 'aspect', got ${String(convention)}`);
  }
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new RangeError(`image.${name}: expected a positive integer, got ${value}`);
    }
  }
  if (channels !== 3 && channels !== 4) {
    throw new RangeError(`image.channels: expected 3 (RGB) or 4 (RGBA), got ${channels}`);
  }
  if (!(pixels instanceof Uint8Array || pixels instanceof Uint8ClampedArray)) {
    throw new TypeError('image.pixels: expected a Uint8Array or Uint8ClampedArray');
  }
  const bytes = width * height * channels;
  if (pixels.length !== bytes) {
    throw new RangeError(
      `image.pixels: expected ${width}×${height}×${channels} = ${bytes} bytes, got ${pixels.length}`,
    );
  }
  if (rows.length !== cols.length) {
    throw new RangeError(`rows and cols: lengths differ (${rows.length} and ${cols.length})`);
  }
  const count = rows.length;
  const size = Math.max(width, height);
  const [rowDivisor, colDivisor] = convention === 'aspect' ? [size, size] : [width, height];
  const data = new Float32Array(count * POINT_DIM);
  for (let i = 0; i < count; i++) {
    const row = checkIndex(rows, i, 'rows', height);
    const col = checkIndex(cols, i, 'cols', width);
    const p = (row * width + col) * channels;
    const o = i * POINT_DIM;
    data[o] = row / rowDivisor;
    data[o + 1] = col / colDivisor;
    data[o + 2] = (pixels[p] as number) / 255;
    data[o + 3] = (pixels[p + 1] as number) / 255;
    data[o + 4] = (pixels[p + 2] as number) / 255;
  }
  return { data, count, dim: POINT_DIM };
}

function checkIndex(indices: ArrayLike<number>, i: number, name: string, limit: number): number {
  const v = indices[i] as number;
  if (!(Number.isInteger(v) && v >= 0 && v < limit)) {
    throw new RangeError(`${name}[${i}]: ${v} is not an integer in [0, ${limit})`);
  }
  return v;
}

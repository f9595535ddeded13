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
 * Builds colour points from pixels of an image, with the convention of the original colored-π project (kept
 * so that results compare): for point `i`, with `row = rows[i]` and `col = cols[i]`,
 * `x = row / width`, `y = col / height`, `(r, g, b) = image[row, col] / 255`.
 *
 * So `x` follows image rows (top to bottom) and `y` follows columns, and, as in the original, `x` is divided
 * by the width and `y` by the height (the same thing for the square π image). Each value is computed in
 * float64 and rounded once to float32.
 *
 * @param rows Row index of each point, an integer in `[0, height)`.
 * @param cols Column index of each point, an integer in `[0, width)`.
 * @throws {RangeError} for a bad image shape, a pixel buffer of the wrong size, `rows` and `cols` of
 * different lengths, or an index that is not an integer inside the image (named, never wrapped around).
 *
 * @example
 * ```ts
 * import { pointsFromImage } from 'pointgen';
 * const image = { pixels: new Uint8Array([255, 0, 0, 0, 0, 255]), width: 2, height: 1, channels: 3 } as const;
 * const points = pointsFromImage(image, [0], [1]); // x = 0, y = 1, blue
 * ```
 */
export function pointsFromImage(image: RgbImage, rows: ArrayLike<number>, cols: ArrayLike<number>): Points {
  const { pixels, width, height, channels } = image;
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
  const size = width * height * channels;
  if (pixels.length !== size) {
    throw new RangeError(
      `image.pixels: expected ${width}×${height}×${channels} = ${size} bytes, got ${pixels.length}`,
    );
  }
  if (rows.length !== cols.length) {
    throw new RangeError(`rows and cols: lengths differ (${rows.length} and ${cols.length})`);
  }
  const count = rows.length;
  const data = new Float32Array(count * POINT_DIM);
  for (let i = 0; i < count; i++) {
    const row = checkIndex(rows, i, 'rows', height);
    const col = checkIndex(cols, i, 'cols', width);
    const p = (row * width + col) * channels;
    const o = i * POINT_DIM;
    data[o] = row / width;
    data[o + 1] = col / height;
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

import { join } from 'node:path';
import { type ImagePointsOptions, pointsFromImage } from '../data/image.js';
import { parseNpy } from '../data/npy.js';
import type { Points } from '../data/points.js';
import { FormatError } from '../errors.js';
import { decodeImage } from './decode-image.js';
import { inFile, readFileNamed } from './file-errors.js';

/**
 * The files of the original colored-π data set that {@link loadPiQuiz} reads.
 *
 * @example
 * ```ts
 * import { PI_QUIZ_FILES } from 'pointgen/node';
 * PI_QUIZ_FILES.image; // 'sparse_pi_colored.jpg'
 * ```
 */
export const PI_QUIZ_FILES = Object.freeze({
  rows: 'pi_xs.npy',
  cols: 'pi_ys.npy',
  image: 'sparse_pi_colored.jpg',
});

/**
 * Loads the original colored-π data set (5000 points) from a directory holding `pi_xs.npy`, `pi_ys.npy` and
 * `sparse_pi_colored.jpg`, building the points exactly as the original project does (see
 * {@link pointsFromImage}: `x = xs[i] / width`, `y = ys[i] / height`, colour = `image[xs[i], ys[i]] / 255`).
 * The JPEG is decoded with `sharp` (libjpeg-turbo), which gives the same pixels as the original's PIL, so
 * the points equal the original's float64 values rounded to float32.
 *
 * `options.convention: 'aspect'` divides both indices by the larger side instead, for other images of the same
 * layout that are not square (see {@link ImagePointsOptions}).
 *
 * Needs the optional peer dependency `sharp` (`npm install sharp`).
 *
 * @throws {Error} naming the file when one is missing or unreadable, or when `sharp` is not installed;
 * {@link FormatError} naming the file for an index file that is not a 1-D integer `.npy`; RangeError for
 * index lists of different lengths or indices outside the image.
 *
 * @example
 * ```ts
 * import { loadPiQuiz } from 'pointgen/node';
 * const points = await loadPiQuiz('../shared/data/pi-quiz');
 * points.count; // 5000
 * ```
 */
export async function loadPiQuiz(dir: string, options: ImagePointsOptions = {}): Promise<Points> {
  if (typeof dir !== 'string') throw new TypeError(`dir: expected a directory path, got ${typeof dir}`);
  const rowsPath = join(dir, PI_QUIZ_FILES.rows);
  const colsPath = join(dir, PI_QUIZ_FILES.cols);
  const imagePath = join(dir, PI_QUIZ_FILES.image);
  // Read side by side, but report the first missing file in a fixed order, not whichever read failed first.
  const settled = await Promise.allSettled(
    [rowsPath, colsPath, imagePath].map((path) => readFileNamed(path, 'loadPiQuiz')),
  );
  const [rowBytes, colBytes, imageBytes] = settled.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
  const rows = readIndices(rowsPath, rowBytes as Buffer);
  const cols = readIndices(colsPath, colBytes as Buffer);
  const image = await decodeImage(imageBytes as Buffer);
  return inFile(`${imagePath} at the indices of ${PI_QUIZ_FILES.rows} and ${PI_QUIZ_FILES.cols}`, () =>
    pointsFromImage(image, rows, cols, options),
  );
}

function readIndices(path: string, bytes: Uint8Array): Float64Array {
  return inFile(path, () => {
    const array = parseNpy(bytes);
    if (array.shape.length !== 1 || !/^[<>|][iu]\d$/.test(array.dtype)) {
      throw new FormatError(
        `expected a 1-D array of integer indices, got ${array.dtype} of shape (${array.shape.join(', ')})`,
      );
    }
    return array.data;
  });
}

import type { RgbImage } from '../data/image.js';
import { loadOptionalPeer } from './optional-peer.js';

type SharpFactory = typeof import('sharp').default;

/**
 * Loads the optional peer dependency `sharp` on first use, so that `pointgen/node` works without it until an
 * image has to be decoded.
 */
async function loadSharp(): Promise<SharpFactory> {
  return (await loadOptionalPeer(() => import('sharp'), 'decoding images', 'sharp')).default;
}

/**
 * Decodes an image file (JPEG, PNG, WebP, GIF, TIFF, AVIF…) to 8-bit RGB pixels with `sharp` (libvips,
 * libjpeg-turbo: the same decoder, hence the same pixels, as PIL and browsers). Embedded ICC profiles are
 * ignored, as PIL ignores them, and alpha is dropped; greyscale and CMYK images become RGB. No rotation is
 * applied from EXIF orientation.
 *
 * Needs the optional peer dependency `sharp` (`npm install sharp`).
 *
 * @throws {Error} when `sharp` is not installed (saying how to install it) or cannot decode the bytes.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { pointsFromImage } from 'pointgen';
 * import { decodeImage } from 'pointgen/node';
 * const image = await decodeImage(await readFile('photo.jpg'));
 * const points = pointsFromImage(image, [0, 10], [5, 20]);
 * ```
 */
export async function decodeImage(bytes: Uint8Array): Promise<RgbImage> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes: expected a Uint8Array or Buffer');
  const sharp = await loadSharp();
  let decoded: { data: Uint8Array; info: { width: number; height: number; channels: number } };
  try {
    decoded = await sharp(bytes, { ignoreIcc: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new Error(`decodeImage: sharp cannot decode the bytes (${(e as Error).message})`, { cause: e });
  }
  const { data, info } = decoded;
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
    throw new Error(`decodeImage: sharp returned ${info.channels} channels of ${info.width}×${info.height}`);
  }
  return {
    pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: 3,
  };
}

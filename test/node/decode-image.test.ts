import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/node/decode-image.js';

const raw = (pixels: number[], width: number, height: number, channels: 1 | 3 | 4) =>
  sharp(Uint8Array.from(pixels), { raw: { width, height, channels } });

describe('decodeImage', () => {
  it('decodes a PNG to row-major RGB bytes', async () => {
    const png = await raw([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 2, 2, 3).png().toBuffer();
    const image = await decodeImage(png);
    expect(image).toMatchObject({ width: 2, height: 2, channels: 3 });
    expect(Array.from(image.pixels)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('keeps width and height apart (a 3-wide, 1-tall image)', async () => {
    const png = await raw([1, 1, 1, 2, 2, 2, 3, 3, 3], 3, 1, 3).png().toBuffer();
    const image = await decodeImage(png);
    expect([image.width, image.height]).toEqual([3, 1]);
  });

  it('drops alpha and expands greyscale to RGB', async () => {
    const rgba = await raw([10, 20, 30, 0, 40, 50, 60, 255], 2, 1, 4).png().toBuffer();
    expect(Array.from((await decodeImage(rgba)).pixels)).toEqual([10, 20, 30, 40, 50, 60]);
    const grey = await raw([7, 200], 2, 1, 1).png().toBuffer();
    expect(Array.from((await decodeImage(grey)).pixels)).toEqual([7, 7, 7, 200, 200, 200]);
  });

  it('rejects bytes that are not an image, and arguments that are not bytes', async () => {
    await expect(decodeImage(new Uint8Array([1, 2, 3]))).rejects.toThrow(/decodeImage: sharp cannot decode/);
    await expect(decodeImage('x.jpg' as unknown as Uint8Array)).rejects.toThrow(TypeError);
  });
});

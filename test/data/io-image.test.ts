import { describe, expect, it } from 'vitest';
import { pointsFromImage, type RgbImage } from '../../src/data/image.js';

/** A 3-row × 4-column RGB image whose pixel (row, col) is (row, col, 100 + 10·row + col). */
function testImage(channels: 3 | 4 = 3): RgbImage {
  const width = 4;
  const height = 3;
  const pixels = new Uint8Array(width * height * channels);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const p = (row * width + col) * channels;
      pixels.set([row, col, 100 + 10 * row + col], p);
      if (channels === 4) pixels[p + 3] = 77;
    }
  }
  return { pixels, width, height, channels };
}

describe('pointsFromImage', () => {
  it('takes x = row / width, y = col / height and the colour at image[row, col] / 255', () => {
    const points = pointsFromImage(testImage(), [2, 0], [3, 1]);
    expect(points.count).toBe(2);
    expect(points.dim).toBe(5);
    const f = Math.fround;
    expect(Array.from(points.data)).toEqual([
      f(2 / 4),
      f(3 / 3),
      f(2 / 255),
      f(3 / 255),
      f(123 / 255),
      f(0 / 4),
      f(1 / 3),
      f(0 / 255),
      f(1 / 255),
      f(101 / 255),
    ]);
  });

  it("divides both indices by the larger side with convention 'aspect'", () => {
    const f = Math.fround;
    const points = pointsFromImage(testImage(), [2, 0], [3, 1], { convention: 'aspect' });
    expect([points.data[0], points.data[1], points.data[5], points.data[6]]).toEqual([
      f(2 / 4),
      f(3 / 4),
      0,
      f(1 / 4),
    ]);
    expect(() => pointsFromImage(testImage(), [0], [0], { convention: 'square' as 'aspect' })).toThrow(
      /options.convention: expected 'original' or 'aspect'/,
    );
  });

  it('ignores alpha in an RGBA image', () => {
    const rgb = pointsFromImage(testImage(3), [1, 2], [2, 0]);
    const rgba = pointsFromImage(testImage(4), [1, 2], [2, 0]);
    expect(rgba).toEqual(rgb);
  });

  it('rounds each value once, from the float64 quotient (246 / 300 is the float32 of 0.81999999999999995)', () => {
    const image: RgbImage = { pixels: new Uint8Array(300 * 300 * 3), width: 300, height: 300, channels: 3 };
    const points = pointsFromImage(image, [246], [225]);
    expect(points.data[0]).toBe(Math.fround(0.81999999999999995));
    expect(points.data[1]).toBe(Math.fround(0.75));
  });

  it('accepts an empty index list', () => {
    expect(pointsFromImage(testImage(), [], []).count).toBe(0);
  });

  it('rejects indices outside the image or not integers, naming them, never wrapping around', () => {
    const image = testImage();
    expect(() => pointsFromImage(image, [0, 3], [0, 0])).toThrow('rows[1]: 3 is not an integer in [0, 3)');
    expect(() => pointsFromImage(image, [0], [4])).toThrow('cols[0]: 4 is not an integer in [0, 4)');
    expect(() => pointsFromImage(image, [-1], [0])).toThrow(RangeError);
    expect(() => pointsFromImage(image, [0.5], [0])).toThrow(/rows\[0\]: 0.5/);
    expect(() => pointsFromImage(image, [Number.NaN], [0])).toThrow(/rows\[0\]: NaN/);
  });

  it('rejects rows and cols of different lengths', () => {
    expect(() => pointsFromImage(testImage(), [0, 1], [0])).toThrow(
      'rows and cols: lengths differ (2 and 1)',
    );
  });

  it('rejects a bad image shape or a pixel buffer of the wrong size', () => {
    const image = testImage();
    expect(() => pointsFromImage({ ...image, pixels: image.pixels.subarray(1) }, [0], [0])).toThrow(
      'image.pixels: expected 4×3×3 = 36 bytes, got 35',
    );
    expect(() => pointsFromImage({ ...image, width: 0 }, [0], [0])).toThrow(/image.width/);
    expect(() => pointsFromImage({ ...image, height: 1.5 }, [0], [0])).toThrow(/image.height/);
    expect(() => pointsFromImage({ ...image, channels: 1 as 3 }, [0], [0])).toThrow(/image.channels/);
    expect(() =>
      pointsFromImage({ ...image, pixels: Array.from(image.pixels) as unknown as Uint8Array }, [0], [0]),
    ).toThrow(TypeError);
  });
});

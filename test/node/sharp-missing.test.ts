import { describe, expect, it, vi } from 'vitest';
import { decodeImage } from '../../src/node/decode-image.js';

// Simulates an install without the optional peer dependency.
vi.mock('sharp', () => {
  throw new Error("Cannot find package 'sharp'");
});

describe('decodeImage without sharp', () => {
  it('tells the user to install sharp', async () => {
    await expect(decodeImage(new Uint8Array([0xff, 0xd8]))).rejects.toThrow(/npm install sharp/);
  });
});

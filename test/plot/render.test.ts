import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { datasets } from '../../src/index.js';
import { plotToSvg, renderPlot, writePlots } from '../../src/node/plots.js';
import { pointsImageSpec, scatterSpec, trainingCurvesSpec } from '../../src/plot/index.js';

const dir = await mkdtemp(join(tmpdir(), 'pointgen-plots-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const small = datasets.coloredPi({ count: 100 });

describe('renderPlot', () => {
  it('writes an SVG and a PNG at twice its size by default', async () => {
    const files = await renderPlot(pointsImageSpec(small, { size: 100 }), join(dir, 'sub', 'image.png'));
    expect(files).toEqual([join(dir, 'sub', 'image.svg'), join(dir, 'sub', 'image.png')]);
    const svg = await readFile(files[0] as string, 'utf8');
    expect(svg).toMatch(/^<svg[^>]* width="116" height="116"/);
    expect(svg.match(/<path/g)?.length).toBeGreaterThanOrEqual(100);
    const png = await readFile(files[1] as string);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([232, 232]);
  });

  it('writes only the formats asked for, at the scale asked for', async () => {
    const files = await renderPlot(pointsImageSpec(small, { size: 100 }), join(dir, 'one'), {
      formats: ['png'],
      scale: 1,
    });
    expect(files).toEqual([join(dir, 'one.png')]);
    expect((await sharp(files[0] as string).metadata()).width).toBe(116);
  });

  it('rejects bad options and specs with named errors', async () => {
    const spec = pointsImageSpec(small);
    await expect(renderPlot(spec, join(dir, 'x'), { formats: ['jpg' as 'png'] })).rejects.toThrow(/formats/);
    await expect(renderPlot(spec, join(dir, 'x'), { scale: 0 })).rejects.toThrow(/scale/);
    await expect(plotToSvg({ mark: 'nonsense-mark' })).rejects.toThrow(/^spec: /);
  });
});

describe('writePlots', () => {
  it('renders each named spec, skipping undefined ones', async () => {
    const specs = {
      scatter: scatterSpec(small, small, { size: 60 }),
      training: trainingCurvesSpec({ epochs: [{ epoch: 1, loss: 1, valNll: 2 }] }),
      pca: undefined,
    };
    const files = await writePlots(specs, dir, { formats: ['svg'] });
    expect(files).toEqual([join(dir, 'scatter.svg'), join(dir, 'training.svg')]);
    await expect(writePlots({ '../evil': specs.scatter }, dir)).rejects.toThrow(/file name/);
  });
});

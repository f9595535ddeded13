import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { datasets, MaskedTransformerGenerator, protocolSplit } from '../../src/index.js';
import { readPoints, writePoints } from '../../src/node/index.js';
import { captureIo } from './io.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pointgen-e2e-'));
  const { train, test } = protocolSplit(datasets.coloredPi({ count: 250 }));
  await writePoints(join(dir, 'train.csv'), train);
  await writePoints(join(dir, 'test.json'), test);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('fit → sample → eval', () => {
  it('trains one epoch on a tiny CSV, samples from the saved model and scores the samples', async () => {
    const model = join(dir, 'model');
    const fit = captureIo();
    const fitArgs = ['--data', join(dir, 'train.csv'), '--out', model, '--epochs', '1', '--backend', 'cpu'];
    expect(await run(['fit', '--type', 'realnvp', ...fitArgs], fit)).toBe(0);
    expect(fit.err.join('')).toContain('backend cpu');
    expect(fit.err.join('')).toContain('lattice: x 1/300, y 1/300, r 1/255, g 1/255, b 1/255 (detected)');
    expect(fit.err.at(-1)).toBe('realnvp: all 1 epoch done\n');
    expect(fit.err.join('')).toMatch(/realnvp {2}epoch 1\/1 {2}loss -?\d/);
    const history = JSON.parse(await readFile(join(model, 'history.json'), 'utf8'));
    expect(history.epochs).toHaveLength(1);

    const samples = join(dir, 'samples.npy');
    const sample = captureIo();
    expect(
      await run(
        ['sample', '--model', model, '-n', '200', '--out', samples, '--seed', '3', '--backend', 'cpu'],
        sample,
      ),
    ).toBe(0);
    const points = await readPoints(samples, { dim: 5 });
    expect(points.count).toBe(200);
    expect(points.data.every((v) => v >= 0 && v <= 1)).toBe(true);

    const score = captureIo();
    const evalArgs = [
      '--real',
      join(dir, 'test.json'),
      '--generated',
      samples,
      '--train',
      join(dir, 'train.csv'),
    ];
    expect(await run(['eval', ...evalArgs, '--json'], score)).toBe(0);
    const report = JSON.parse(score.out.join(''));
    expect(report.kind).toBe('holdout');
    expect(report.counts).toMatchObject({ generated: 200, train: 200, test: 50 });
    expect(report.mmd.ratio).toBeGreaterThan(0);

    const table = captureIo();
    expect(await run(['eval', '--real', join(dir, 'test.json'), '--generated', samples], table)).toBe(0);
    expect(table.out.join('')).toMatch(/^seed-style figures: 200 generated/);

    const plot = captureIo();
    const plotArgs = ['--real', join(dir, 'test.json'), '--generated', samples, '--out', join(dir, 'plots')];
    expect(await run(['plot', ...plotArgs, '--history', join(model, 'history.json')], plot)).toBe(0);
    const files = plot.out.join('').trim().split('\n');
    expect(files).toContain(join(dir, 'plots', 'scatter.svg'));
    expect(files).toContain(join(dir, 'plots', 'training.png'));
  });

  it('colours the positions of a file with a saved transformer, and says a RealNVP cannot', async () => {
    // An untrained tiny transformer: colouring needs a conditional model, not a good one.
    const model = join(dir, 'transformer');
    const tiny = { embedDim: 8, heads: 1, layers: 1, fourierFeatures: 2, mixtureComponents: 2, members: 1 };
    await new MaskedTransformerGenerator(tiny).save(model);
    const positions = join(dir, 'positions.csv');
    await writeFile(positions, 'y,x\n0.5,0.25\n0.125,0.75\n');
    const out = join(dir, 'coloured.csv');
    const io = captureIo();
    const colorize = ['colorize', '--positions', positions, '--out', out, '--backend', 'cpu', '--seed', '2'];
    expect(await run([...colorize, '--model', model], io)).toBe(0);
    expect(io.out.join('')).toBe(`wrote 2 coloured points to ${out}\n`);
    const coloured = await readPoints(out, { dim: 5 });
    expect(Array.from(coloured.data.filter((_, k) => k % 5 < 2))).toEqual([0.25, 0.5, 0.75, 0.125]);
    expect(coloured.data.every((v) => v >= 0 && v <= 1)).toBe(true);

    const refused = captureIo();
    expect(await run([...colorize, '--model', join(dir, 'model')], refused)).toBe(2);
    expect(refused.err.join('')).toMatch(/--model: a realnvp model cannot draw colours given positions/);
  });
});

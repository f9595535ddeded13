import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../src/cli/destination.js';
import { UsageError } from '../../src/cli/errors.js';
import { run } from '../../src/cli/run.js';
import { toModelArtifacts } from '../../src/io/artifacts.js';
import { fileHandler } from '../../src/io/file-handler.js';
import { loadGenerator } from '../../src/models/load-generator.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { setBackend } from '../backends.js';
import { perturbed } from '../models/fixtures.js';
import { captureIo } from './io.js';

let dir: string;
let model: RealNVPGenerator;
const row = '0.1,0.2,0.3,0.4,0.5';
beforeAll(async () => {
  await setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'pointgen-cli-errors-'));
  await writeFile(join(dir, 'one.csv'), `x,y,r,g,b\n${row}\n`);
  await writeFile(join(dir, 'three.csv'), `x,y,r,g,b\n${row}\n0.2,0.2,0.3,0.4,0.5\n0.3,0.2,0.3,0.4,0.5\n`);
  await writeFile(join(dir, 'a-file'), 'x');
  await mkdir(join(dir, 'folder.csv'));
  model = new RealNVPGenerator({ couplings: 2, hidden: 8, depth: 1, seed: 5 });
  await model.save(join(dir, 'model'));
  const diverged = toModelArtifacts(await perturbed(model, 1e3));
  await fileHandler(join(dir, 'diverged')).save?.(diverged);
});
afterAll(async () => {
  model.dispose();
  await rm(dir, { recursive: true, force: true });
});

const fitArgs = (data: string, out: string, ...more: string[]) => [
  'fit',
  '--model',
  'realnvp',
  '--data',
  join(dir, data),
  '--out',
  out,
  '--epochs',
  '1',
  '--backend',
  'cpu',
  ...more,
];
const sampleArgs = (...more: string[]) => [
  'sample',
  '--model',
  join(dir, 'model'),
  '--backend',
  'cpu',
  ...more,
];

describe('every user error: one line naming the file or flag, exit 2, before any training', () => {
  it.each([
    [
      'fit --out an existing file',
      () => fitArgs('three.csv', join(dir, 'a-file')),
      /--out: .*a-file is a file/,
    ],
    [
      'fit --out under a regular file',
      () => fitArgs('three.csv', join(dir, 'a-file', 'model')),
      /--out: cannot write to .*a-file\/model \(ENOTDIR\)/,
    ],
    [
      'fit --out in /proc',
      () => fitArgs('three.csv', '/proc/pointgen-model'),
      /--out: cannot write to \/proc\/pointgen-model/,
    ],
    [
      'fit on one row',
      () => fitArgs('one.csv', join(dir, 'm1')),
      /--data: .*one\.csv holds 1 point\(s\); fitting needs at least 2/,
    ],
    [
      'fit --validation leaving nothing to train on',
      () => fitArgs('three.csv', join(dir, 'm2'), '--validation', '0.9'),
      /--validation: holding out 3 of 3 points leaves none to train on/,
    ],
    [
      'sample --out a folder',
      () => sampleArgs('-n', '5', '--out', join(dir, 'folder.csv')),
      /--out: .*folder\.csv is a folder/,
    ],
    [
      'sample -n negative',
      () => sampleArgs('-n', '-5', '--out', join(dir, 's.csv')),
      /--count: expected an integer in \[1, 10000000\], got '-5'/,
    ],
    [
      'sample --model a diverged model',
      () => [
        'sample',
        '--model',
        join(dir, 'diverged'),
        '-n',
        '5',
        '--out',
        join(dir, 's.csv'),
        '--backend',
        'cpu',
      ],
      /--model: model .*diverged.*NaN.*diverged/,
    ],
  ])('%s', async (_, argv, message) => {
    const io = captureIo();
    expect(await run(argv(), io)).toBe(2);
    expect(io.out).toEqual([]);
    const last = io.err.at(-1) as string;
    expect(last).toMatch(/^pointgen: [^\n]+\n$/);
    expect(last).toMatch(message);
    expect(io.err.join('')).not.toMatch(/epoch 1/);
  });
});

describe('a failed save after training', () => {
  const history = { epochs: [] };
  it('writes the model to a fallback folder and says where', async () => {
    const out = join(dir, 'lost');
    const failing = Object.create(model, {
      save: { value: (to: string) => (to === out ? Promise.reject(new Error('disk full')) : model.save(to)) },
    });
    const error = await saveModel(failing, history, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const where = /--out: disk full; the model was saved to (\S+) instead$/.exec(
      (error as Error).message,
    )?.[1];
    expect(where).toBeDefined();
    const loaded = await loadGenerator(where as string);
    expect(loaded.type).toBe('realnvp');
    loaded.dispose();
    await rm(where as string, { recursive: true, force: true });
  });

  it('says so when the fallback fails too', async () => {
    const failing = { save: () => Promise.reject(new Error('disk full')) } as unknown as RealNVPGenerator;
    await expect(saveModel(failing, history, join(dir, 'lost'))).rejects.toThrow(
      /--out: disk full; saving to \S+ failed too \(disk full\): the model is lost/,
    );
    expect(tf.memory().numTensors).toBeGreaterThan(0);
  });
});

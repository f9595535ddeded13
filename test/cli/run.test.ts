import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/cli/errors.js';
import { COMMANDS, run } from '../../src/cli/run.js';
import { FormatError, InvalidPointsError } from '../../src/errors.js';
import { captureIo } from './io.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pointgen-cli-'));
  await writeFile(join(dir, 'bad.csv'), 'x,y,r,g,b\n0.1,0.2,oops,0.4,0.5\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('pointgen', () => {
  it('--help lists every command, and every command has its own help', async () => {
    const io = captureIo();
    expect(await run(['--help'], io)).toBe(0);
    for (const c of COMMANDS) expect(io.out.join('')).toContain(`  ${c.name} `);
    for (const c of COMMANDS) {
      const cmd = captureIo();
      expect(await run([c.name, '-h'], cmd)).toBe(0);
      expect(cmd.out.join('')).toMatch(new RegExp(`^Usage: pointgen ${c.name} `));
      expect(cmd.err).toEqual([]);
    }
  });

  it.each([
    [[], 'missing command'],
    [['train'], "unknown command 'train'"],
    [['fit', '--epochz', '3'], "unknown option --epochz for 'fit'"],
    [
      ['eval', '--real', 'nowhere.csv', '--generated', 'nowhere.csv'],
      '--real: cannot read nowhere.csv (no such file)',
    ],
    [['sample', '--model', 'no-such-model', '-n', '5', '--out', 'x.csv', '--backend', 'cpu'], '--model: '],
    [
      ['fit', '--type', 'realnvp', '--data', 'no-such-dir', '--out', 'm'],
      "--data: no such file or folder 'no-such-dir'",
    ],
    [
      ['fit', '--type', 'realnvp', '--data', 'd.csv', '--out', 'm', '--backend', 'gpu'],
      '--backend: expected one of',
    ],
  ])('%j: exit 2 and one line', async (argv, message) => {
    const io = captureIo();
    expect(await run(argv, io)).toBe(2);
    expect(io.out).toEqual([]);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^pointgen: [^\n]+\n$/);
    expect(io.err[0]).toContain(message);
    // A failed fit leaves no new, empty --out folder behind.
    expect(existsSync('m')).toBe(false);
  });

  it('bad data files are usage errors naming the file', async () => {
    const malformed = captureIo();
    expect(
      await run(['eval', '--real', join(dir, 'bad.csv'), '--generated', join(dir, 'bad.csv')], malformed),
    ).toBe(2);
    expect(malformed.err.join('')).toMatch(/^pointgen: --real: .*bad\.csv/);
    // Values outside [0, 1] are no longer bad data: the model fits a box to them (scale 'auto').
  });

  it('tells user errors from bugs', () => {
    expect(isUserError(new FormatError('x'))).toBe(true);
    expect(isUserError(new InvalidPointsError('data', 'non-finite', 'NaN'))).toBe(true);
    expect(isUserError(new RangeError('index out of range'))).toBe(false);
    expect(isUserError(new TypeError('undefined is not a function'))).toBe(false);
  });

  it('the executable exits 2 with a single line and no stack', async () => {
    const child = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'eval', '--real', 'missing.csv', '--generated', 'missing.csv'],
      { cwd: join(import.meta.dirname, '../..') },
    );
    const failure = await child.then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toBe('pointgen: --real: cannot read missing.csv (no such file)\n');
  });
});

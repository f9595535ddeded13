import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgress, progress } from '../../src/cli/progress.js';
import type { History } from '../../src/train/history.js';
import { captureIo } from './io.js';

const record = (epoch: number) => ({
  epoch,
  steps: 10 * epoch,
  loss: -3.25,
  valNll: Number.NaN,
  seconds: 2 * epoch,
  learningRate: 1e-3,
});

describe('progress', () => {
  it('shows epoch, loss, validation NLL and the time left', () => {
    const line = formatProgress({
      label: 'realnvp',
      totalEpochs: 100,
      epoch: 10,
      loss: -6.5,
      valNll: -7.01,
      seconds: 20,
    });
    expect(line).toBe('realnvp  epoch  10/100  loss -6.500  val -7.010  ETA 3m00s');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(Number.NaN)).toBe('–');
  });

  it('redraws one line on a terminal', () => {
    const io = captureIo(true);
    const bar = progress(io, 'm', 3);
    for (let e = 1; e <= 3; e++) bar.epoch(record(e), -4);
    bar.done();
    expect(io.err).toHaveLength(4);
    expect(io.err[0]).toBe('\rm  epoch 1/3  loss -3.250  val –  test -4.000  ETA 4s\x1b[K');
    expect(io.err[3]).toBe('\n');
  });

  it('writes plain lines about every tenth of the run elsewhere, the last one, and why training stopped', () => {
    const io = captureIo(false);
    const bar = progress(io, 'm', 25, { now: () => 0 });
    for (let e = 1; e <= 25; e++) bar.epoch(record(e));
    bar.done({ ...history(25), stoppedBy: 'epochs' });
    expect(io.err.map((l) => /epoch +(\d+)/.exec(l)?.[1])).toEqual([
      '1',
      '3',
      '6',
      '9',
      '12',
      '15',
      '18',
      '21',
      '24',
      '25',
      undefined,
    ]);
    expect(io.err.at(-1)).toBe('m: all 25 epochs done\n');
    expect(io.err.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });

  it('writes a line after 30 s of silence, within an epoch too, and the final epoch of an early stop', () => {
    let clock = 0;
    const io = captureIo(false);
    const bar = progress(io, 'm', 100, { now: () => clock });
    bar.epoch(record(1));
    clock = 20;
    bar.step({ epoch: 2, step: 4, steps: 14, totalSteps: 1000, loss: -1, learningRate: 1e-3 });
    clock = 31;
    bar.step({ epoch: 2, step: 9, steps: 19, totalSteps: 1000, loss: -1.5, learningRate: 1e-3 });
    clock = 45;
    bar.epoch(record(2));
    clock = 70;
    bar.epoch(record(3));
    clock = 75;
    bar.epoch(record(4));
    bar.done({ ...history(4), stoppedBy: 'early-stopping', bestEpoch: 2, bestValNll: -7.25 });
    expect(io.err).toEqual([
      expect.stringMatching(/^m {2}epoch {3}1\/100/),
      'm  epoch 2/100 in progress, step 19/1000  loss -1.500\n',
      expect.stringMatching(/^m {2}epoch {3}3\/100/),
      expect.stringMatching(/^m {2}epoch {3}4\/100/),
      'm: early stop: no better validation NLL since epoch 2 (-7.250), whose weights are kept\n',
    ]);
  });

  it('says when training was aborted or ran out of time', () => {
    for (const [stoppedBy, text] of [
      ['aborted', 'aborted after 4 epochs'],
      ['time-budget', 'time budget reached after 4 epochs'],
    ] as const) {
      const io = captureIo(true);
      progress(io, 'm', 9).done({ ...history(4), stoppedBy: stoppedBy as 'aborted' });
      expect(io.err).toEqual([`m: ${text}\n`]);
    }
  });
});

function history(epochs: number): History {
  return {
    epochs: Array.from({ length: epochs }, (_, i) => record(i + 1)),
    initialValNll: Number.NaN,
    bestEpoch: epochs,
    bestValNll: Number.NaN,
    stoppedBy: 'epochs',
    steps: epochs,
    seconds: 2 * epochs,
    divergences: 0,
  };
}

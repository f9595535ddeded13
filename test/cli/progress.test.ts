import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgress, progress } from '../../src/cli/progress.js';
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

  it('writes plain lines, thinned out, elsewhere', () => {
    const io = captureIo(false);
    const bar = progress(io, 'm', 25);
    for (let e = 1; e <= 25; e++) bar.epoch(record(e));
    bar.done();
    expect(io.err.map((l) => /epoch +(\d+)/.exec(l)?.[1])).toEqual(['1', '10', '20', '25']);
    expect(io.err.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });
});

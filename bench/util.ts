import type { Generator, Points } from '../src/index.js';

/** Runs `fn` `repeats` times (after one warm-up call) and returns the median wall time in seconds. */
export async function medianSeconds(fn: () => unknown, repeats = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * Training steps per second of `model` on `points`: it trains (no validation) until `seconds` have passed after
 * `warmup` untimed steps, then stops by its abort signal. The model keeps what it learned.
 */
export async function trainingStepsPerSecond(
  model: Generator,
  points: Points,
  { seconds = 4, warmup = 3 }: { seconds?: number; warmup?: number } = {},
): Promise<number> {
  const controller = new AbortController();
  let steps = 0;
  let start = 0;
  await model.fit(points, {
    epochs: 1000,
    validation: 0,
    signal: controller.signal,
    callbacks: {
      onBatchEnd: () => {
        steps += 1;
        if (steps === warmup) start = performance.now();
        if (steps > warmup && performance.now() - start > seconds * 1000) controller.abort();
      },
    },
  });
  return (steps - warmup) / ((performance.now() - start) / 1000);
}

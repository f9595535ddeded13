import { protocolSplit } from '../src/data/split.js';
import { coloredPi } from '../src/datasets/colored-pi.js';
import { GaussianMixtureGenerator } from '../src/models/gmm/gmm-generator.js';

const REPEATS = 3;

/** Median wall and CPU seconds of `fn` over a few runs (the mixture is plain JavaScript: one thread). */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const runs: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const used = process.cpuUsage(cpu0);
    runs.push({ wall: (performance.now() - t0) / 1000, cpu: (used.user + used.system) / 1e6 });
  }
  runs.sort((a, b) => a.cpu - b.cpu);
  return runs[Math.floor(REPEATS / 2)] as { wall: number; cpu: number };
}

export default async function bench(): Promise<void> {
  console.log(
    `GaussianMixtureGenerator on the built-in colour π's training split (4000 points), median of ${REPEATS} ` +
      '(float64 JavaScript, no tensors: the same on every backend)',
  );
  console.log('| what | wall s | CPU s |');
  console.log('| --- | --- | --- |');
  const { train } = protocolSplit(coloredPi());
  const row = (what: string, t: { wall: number; cpu: number }) =>
    console.log(`| ${what} | ${t.wall.toFixed(3)} | ${t.cpu.toFixed(3)} |`);
  const model = new GaussianMixtureGenerator();
  row(
    `fit, default (${JSON.stringify({ ...model.getConfig(), latticeSteps: undefined })})`,
    await timed(() => model.fit(train, { seed: 1 })),
  );
  row('sample 4000 points', await timed(() => model.sample(4000, { seed: 2 })));
  row('logProb of 4000 points', await timed(() => model.logProb(train)));
  const xs = Array.from({ length: 1000 }, (_, i) => train.data[i * 5] as number);
  const ys = Array.from({ length: 1000 }, (_, i) => train.data[i * 5 + 1] as number);
  row(
    'sample r, g, b given x, y at 1000 positions',
    await timed(() => model.sample(1000, { given: { x: xs, y: ys }, seed: 3 })),
  );
  row(
    'conditionalLogProb of r, g, b given x, y, 1000 points',
    await timed(() => model.conditionalLogProb({ data: train.data.subarray(0, 5000), dim: 5 }, ['x', 'y'])),
  );
  model.dispose();
}

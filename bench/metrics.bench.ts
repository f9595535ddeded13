import { existsSync, readFileSync } from 'node:fs';
import { Rng } from '../src/data/rng.js';
import {
  c2st,
  distanceToClosest,
  evaluate,
  mmd,
  mmdPermutationTest,
  slicedWasserstein,
} from '../src/metrics/index.js';
import { medianSeconds } from './util.js';

const PI_CSV = '../shared/data/pi-quiz/points-reference.csv';

// Lattice-valued points like pointgen's data (1/300 positions, 1/255 colours): exact ties are common there,
// which is the harder case for the k-d tree.
function latticePoints(count: number, rng: Rng): number[][] {
  return Array.from({ length: count }, () => [
    Math.floor(rng.uniform() * 300) / 300,
    Math.floor(rng.uniform() * 300) / 300,
    Math.floor(rng.uniform() * 256) / 255,
    Math.floor(rng.uniform() * 256) / 255,
    Math.floor(rng.uniform() * 256) / 255,
  ]);
}

function piPoints(): number[][] | undefined {
  if (!existsSync(PI_CSV)) return undefined;
  return readFileSync(PI_CSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
}

// Wall time (util's median) and, beside it, this process's CPU time per run: on a machine shared with other
// jobs, CPU time is the steadier figure.
async function timed(fn: () => unknown): Promise<string> {
  const cpu: number[] = [];
  const wall = await medianSeconds(() => {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1e6);
  });
  const runs = cpu.slice(1).sort((x, y) => x - y);
  const ms = (s: number) => `${(s * 1e3).toFixed(0)} ms`;
  return `${ms(wall)} wall, ${ms(runs[runs.length >> 1] as number)} CPU (medians of 5)`;
}

export default async function bench(): Promise<void> {
  const rng = new Rng(1);
  const a = latticePoints(5000, rng);
  const b = latticePoints(5000, rng);
  console.log(`mmd, two 5000×5 sets (σ = 0.1, biased): ${await timed(() => mmd(a, b))}; target ≤ 300 ms`);
  console.log(`c2st, 5000 vs 5000 (k = 5): ${await timed(() => c2st(a, b))}; target ≤ 500 ms`);
  console.log(
    `distanceToClosest, 5000 vs 5000: ${await timed(() => distanceToClosest(a, b))}; target ≤ 500 ms`,
  );
  console.log(
    `slicedWasserstein, 5000 vs 5000, 128 directions: ${await timed(() => slicedWasserstein(a, b))}`,
  );
  const a1 = a.slice(0, 1000);
  const b1 = b.slice(0, 1000);
  console.log(
    `mmdPermutationTest, 1000 vs 1000, 200 permutations: ${await timed(() => mmdPermutationTest(a1, b1))}`,
  );

  const pi = piPoints();
  const source = pi ?? latticePoints(5000, rng);
  const train = source.filter((_, i) => i % 5 !== 4);
  const test = source.filter((_, i) => i % 5 === 4);
  const generated = latticePoints(4000, rng);
  console.log(
    `evaluate, 4000 generated / 4000 train / 1000 test (${pi ? 'pi-quiz split' : 'synthetic, pi-quiz data absent'}): ` +
      `${await timed(() => evaluate(generated, { train, test }))}; target ≤ 2000 ms`,
  );
}

// `npx tsx bench/gmm-recipes.ts [--data DIR] [section ...]`: the measurements behind GaussianMixtureGenerator's
// defaults (docs/recipes.md). Every figure is the NLL of a validation split carved from the protocol's training
// points (20%, seeded), never of the test split; each row is the mean over fit seeds 0-2 with their range, and
// the mean CPU seconds of one fit. Sections: support, regularization, components, restarts, tolerance, draws,
// members, budget (default: all); and `holdout`, run by name only: the chosen default scored once on the test
// split from its saved file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LATTICE_STEPS } from '../src/data/lattice.js';
import type { Points } from '../src/data/points.js';
import { Rng } from '../src/data/rng.js';
import { protocolSplit } from '../src/data/split.js';
import { fitEm } from '../src/models/gmm/em.js';
import { stacked } from '../src/models/gmm/fit.js';
import { GaussianMixtureGenerator, type GaussianMixtureOptions } from '../src/models/gmm/index.js';
import { mixtureLogDensity } from '../src/models/gmm/mixture.js';
import { heldOutNll } from '../src/models/held-out-nll.js';
import { loadGenerator } from '../src/models/load-generator.js';
import { loadPiQuiz } from '../src/node/pi-quiz.js';
import { holdOut } from '../src/train/data.js';

const SEEDS = [0, 1, 2];
const VALIDATION_DRAWS = 4;
const args = process.argv.slice(2);
const dataAt = args.indexOf('--data');
const dir =
  dataAt >= 0 ? (args[dataAt + 1] as string) : `${process.env.POINTGEN_SHARED ?? '../shared'}/data/pi-quiz`;
const wanted = args.filter((a, i) => !a.startsWith('--') && (dataAt < 0 || i !== dataAt + 1));

const { train, test } = protocolSplit(await loadPiQuiz(dir));
const split = holdOut(train, 0.2, new Rng(2026));
const fitPoints = split.train;
const validation = split.validation as Points;

interface Row {
  readonly label: string;
  readonly nll: number[];
  readonly cpu: number[];
}

function cpuSeconds<T>(fn: () => Promise<T>): Promise<{ value: T; cpu: number }> {
  const start = process.cpuUsage();
  return fn().then((value) => {
    const used = process.cpuUsage(start);
    return { value, cpu: (used.user + used.system) / 1e6 };
  });
}

async function measure(label: string, options: GaussianMixtureOptions, points = fitPoints): Promise<Row> {
  const nll: number[] = [];
  const cpu: number[] = [];
  for (const seed of SEEDS) {
    const model = new GaussianMixtureGenerator(options);
    const { cpu: seconds } = await cpuSeconds(() => model.fit(points, { seed }));
    nll.push(await heldOutNll(model, validation, { draws: VALIDATION_DRAWS, seed: 0 }));
    cpu.push(seconds);
    model.dispose();
  }
  return { label, nll, cpu };
}

/** The alternative support treatment: the mixture fitted to logit-transformed data, scored with the Jacobian. */
async function measureLogit(label: string, components: number): Promise<Row> {
  const upper = DEFAULT_LATTICE_STEPS.map((q) => 1 + q);
  const logit = (set: { data: Float64Array; n: number }) => {
    const jacobian = new Float64Array(set.n);
    const z = set.data.map((v, k) => {
      const u = upper[k % 5] as number;
      const i = Math.floor(k / 5);
      jacobian[i] = (jacobian[i] as number) + Math.log(u) - Math.log(v) - Math.log(u - v);
      return Math.log(v) - Math.log(u - v);
    });
    return { z, jacobian };
  };
  const held = stacked(validation, VALIDATION_DRAWS, DEFAULT_LATTICE_STEPS, new Rng(0));
  const heldZ = logit(held);
  const nll: number[] = [];
  const cpu: number[] = [];
  for (const seed of SEEDS) {
    const rng = new Rng(seed);
    const { value: mixture, cpu: seconds } = await cpuSeconds(async () => {
      const set = logit(stacked(fitPoints, 1, DEFAULT_LATTICE_STEPS, rng.fork()));
      const settings = { components, regularization: 1e-5, tolerance: 1e-3, maxIterations: 100 };
      const runs = [0, 1].map(() => fitEm(set.z, fitPoints.count, 5, settings, rng.fork()));
      return runs.reduce((a, b) => (b.logLikelihood > a.logLikelihood ? b : a)).mixture;
    });
    const lp = mixtureLogDensity(mixture, heldZ.z, held.n);
    let s = 0;
    for (let i = 0; i < held.n; i++) s -= (lp[i] as number) + (heldZ.jacobian[i] as number);
    nll.push(s / held.n);
    cpu.push(seconds);
  }
  return { label, nll, cpu };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
function print(title: string, rows: Row[]): void {
  console.log(
    `\n### ${title}\n\n| setting | validation NLL, mean (range) | CPU s per fit |\n| --- | --- | --- |`,
  );
  for (const r of rows) {
    const range = `${Math.min(...r.nll).toFixed(3)} – ${Math.max(...r.nll).toFixed(3)}`;
    console.log(`| ${r.label} | ${mean(r.nll).toFixed(3)} (${range}) | ${mean(r.cpu).toFixed(2)} |`);
  }
}

/**
 * The final recipe, once, on the test split: the default fitted to all 4000 training points, saved, loaded back
 * with loadGenerator and scored (10 dequantization draws). Never part of a search: run it by name.
 */
async function holdout(): Promise<void> {
  console.log('\n### the default on the test split (saved, loaded, scored)\n');
  console.log(
    '| fit seed | test NLL | fit wall s | fit CPU s | samples outside the support |\n| --- | --- | --- | --- | --- |',
  );
  const folder = await mkdtemp(join(tmpdir(), 'pointgen-gmm-holdout-'));
  for (const seed of SEEDS) {
    const model = new GaussianMixtureGenerator();
    const t0 = performance.now();
    const { cpu } = await cpuSeconds(() => model.fit(train, { seed }));
    const wall = (performance.now() - t0) / 1000;
    await model.save(join(folder, `seed-${seed}`));
    model.dispose();
    const loaded = await loadGenerator(join(folder, `seed-${seed}`));
    const nll = await heldOutNll(loaded, test, { draws: 10, seed: 0 });
    const draws = await loaded.sample(100000, { seed: 1, continuous: true });
    const upper = DEFAULT_LATTICE_STEPS.map((q) => 1 + q);
    const outside = draws.data.filter((v, k) => !(v >= 0 && v <= (upper[k % 5] as number))).length;
    console.log(
      `| ${seed} | ${nll.toFixed(3)} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${outside} of 100000 |`,
    );
  }
  await rm(folder, { recursive: true, force: true });
}

const SECTIONS: Record<string, () => Promise<void>> = {
  async support() {
    print('support treatment (30 components)', [
      await measure('truncated to the support, normaliser computed (default)', { components: 30 }),
      await measureLogit('logit-transformed data with its Jacobian', 30),
    ]);
  },
  async regularization() {
    const rows: Row[] = [];
    for (const r of [1e-6, 1e-5, 1e-4, 1e-3, 1e-2])
      rows.push(await measure(`${r}`, { components: 30, regularization: r }));
    print('regularization (share of each coordinate variance, 30 components)', rows);
  },
  async components() {
    const rows: Row[] = [];
    for (const share of [0.25, 0.5, 1]) {
      const n = Math.round(fitPoints.count * share);
      const points = { data: fitPoints.data.subarray(0, n * 5), count: n, dim: 5 };
      for (const k of [8, 12, 16, 20, 25, 30, 40, 50]) {
        if (k > n / 40) continue;
        rows.push(await measure(`${n} points, ${k} components`, { components: k }, points));
      }
    }
    print('components by training size', rows);
  },
  async restarts() {
    const rows: Row[] = [];
    for (const r of [1, 2, 3, 5]) rows.push(await measure(`${r}`, { restarts: r }));
    print('restarts (EM runs per member, best training likelihood kept)', rows);
  },
  async tolerance() {
    const rows: Row[] = [];
    for (const [tol, it] of [
      [1e-2, 100],
      [1e-3, 100],
      [1e-4, 300],
      [1e-3, 30],
    ] as const) {
      rows.push(
        await measure(`tolerance ${tol}, at most ${it} iterations`, { tolerance: tol, maxIterations: it }),
      );
    }
    print('convergence', rows);
  },
  async draws() {
    const rows: Row[] = [];
    for (const d of [1, 2, 4]) rows.push(await measure(`${d}`, { dequantizationDraws: d }));
    print('dequantization draws stacked', rows);
  },
  async members() {
    const rows: Row[] = [];
    for (const m of [1, 2, 3, 5]) rows.push(await measure(`${m}`, { members: m }));
    print('members (equal-weight ensemble)', rows);
  },
  async budget() {
    const rows: Row[] = [];
    const combos: [number, number, number][] = [
      [2, 2, 1e-3],
      [3, 1, 1e-3],
      [4, 1, 1e-3],
      [2, 1, 1e-4],
      [3, 1, 1e-4],
    ];
    for (const [members, restarts, tolerance] of combos) {
      const label = `${members} members × ${restarts} restart${restarts > 1 ? 's' : ''}, tolerance ${tolerance}`;
      rows.push(await measure(label, { members, restarts, tolerance, maxIterations: 300 }));
    }
    print('members × restarts × tolerance within the time budget', rows);
  },
};

console.log(
  `GaussianMixture recipes: ${fitPoints.count} fitting / ${validation.count} validation points carved from the ` +
    `protocol's training split of ${dir}; fit seeds ${SEEDS.join(', ')}; node ${process.version}`,
);
for (const name of wanted.length > 0 ? wanted : Object.keys(SECTIONS)) {
  const run = name === 'holdout' ? holdout : SECTIONS[name];
  if (!run) throw new Error(`unknown section ${name} (known: ${Object.keys(SECTIONS).join(', ')})`);
  await run();
}

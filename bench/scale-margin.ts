// `npx tsx bench/scale-margin.ts [--data DIR] [--steps N] [quiz|metres|ring ...]`: the margin that
// `scale: 'auto'` (Scaler.fit) leaves on each side of a rescaled coordinate, measured on data outside [0, 1]
// (where the margin applies). Each model is fitted with the box Scaler.fit gives at that margin and scored on a
// validation split carved from the protocol's training points (20 %, seed 7), never on the test split:
// validation NLL in the user's units (nats per point, dequantized 4 times where the data has a lattice), the
// validation points outside the box (density −Infinity, which makes the NLL of all of them +Infinity), and the
// NLL of the validation points inside every box (those inside the margin-0 box), comparable across margins.
// Data: quiz = the quiz points from DIR (default ../shared/data/pi-quiz) in pixels and 8-bit levels; metres =
// the built-in colour π with positions 100 + 50·v metres and levels c·255 − 128; ring = a continuous ring of
// radius 10 with Gaussian radial noise and a Student-t (3 degrees of freedom) third coordinate.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  GaussianMixtureGenerator,
  type Generator,
  heldOutNll,
  type Points,
  protocolSplit,
  RealNVPGenerator,
  Rng,
  randomSplit,
  type ScaleBox,
  Scaler,
} from '../src/index.js';
import { loadPiQuiz } from '../src/node/index.js';

const MARGINS = [0, 0.01, 0.02, 0.05, 0.1, 0.2];
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dir = option('--data') ?? '../shared/data/pi-quiz';
const steps = Number(option('--steps') ?? 200);
const wanted = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));

/** Every value mapped by `f(value, column)`. */
function mapPoints(points: Points, f: (v: number, j: number) => number): Points {
  const { data, count, dim } = points;
  return { data: Float32Array.from(data, (v, k) => f(v, k % dim)), count, dim };
}

function ring(count: number, seed: number): Points {
  const rng = new Rng(seed);
  const data = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const angle = 2 * Math.PI * rng.uniform();
    const radius = 10 + rng.normal();
    // Student-t with 3 degrees of freedom: a normal over the root of a χ²₃ / 3.
    const chi = (rng.normal() ** 2 + rng.normal() ** 2 + rng.normal() ** 2) / 3;
    data.set([radius * Math.cos(angle), radius * Math.sin(angle), rng.normal() / Math.sqrt(chi)], i * 3);
  }
  return { data, count, dim: 3 };
}

const DATA: Record<string, () => Promise<Points>> = {
  quiz: async () => mapPoints(await loadPiQuiz(dir), (v, j) => Math.round(j < 2 ? v * 300 : v * 255)),
  metres: async () =>
    mapPoints(datasets.coloredPi(), (v, j) => (j < 2 ? 100 + 50 * v : Math.round(v * 255) - 128)),
  ring: async () => ring(5000, 3),
};

const MODELS: Record<string, (box: ScaleBox, dim: number) => Generator> = {
  'Gaussian mixture': (scale, dim) => new GaussianMixtureGenerator({ dim, scale }),
  [`RealNVP ${steps} steps`]: (scale, dim) => new RealNVPGenerator({ dim, scale }),
};

/** Rows of `points` inside `box` on every coordinate. */
function inside(points: Points, box: Scaler): Points {
  const { data, dim } = points;
  const rows: number[] = [];
  for (let i = 0; i < points.count; i++) {
    let ok = true;
    for (let j = 0; j < dim; j++) {
      const v = data[i * dim + j] as number;
      if (v < (box.min[j] as number) || v > (box.max[j] as number)) ok = false;
    }
    if (ok) rows.push(i);
  }
  const out = new Float32Array(rows.length * dim);
  for (const [k, r] of rows.entries()) out.set(data.subarray(r * dim, (r + 1) * dim), k * dim);
  return { data: out, count: rows.length, dim };
}

await tf.setBackend('wasm');
const total = process.cpuUsage();
for (const name of wanted.length > 0 ? wanted : Object.keys(DATA)) {
  const load = DATA[name];
  if (!load) throw new RangeError(`unknown data ${name} (known: ${Object.keys(DATA).join(', ')})`);
  const { train } = protocolSplit(await load());
  const { train: fitPoints, test: validation } = randomSplit(train, { testFraction: 0.2, seed: 7 });
  const common = inside(validation, Scaler.fit(fitPoints, { margin: 0 }));
  console.log(
    `\n${name}: fit on ${fitPoints.count}, validate on ${validation.count} (${common.count} inside every box) ` +
      'of the protocol train split (the test split is never read)',
  );
  console.log('| model | margin | outside the box | validation NLL | NLL inside every box | fit CPU s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [label, make] of Object.entries(MODELS)) {
    for (const margin of MARGINS) {
      const model = make(Scaler.fit(fitPoints, { margin }).toJSON(), fitPoints.dim);
      const cpu = process.cpuUsage();
      await model.fit(fitPoints, { seed: 1, ...(model instanceof RealNVPGenerator ? { steps } : {}) });
      const used = process.cpuUsage(cpu);
      const outside = (await model.logProb(validation)).filter((v) => v === Number.NEGATIVE_INFINITY).length;
      const all = outside > 0 ? Number.POSITIVE_INFINITY : await heldOutNll(model, validation, { draws: 4 });
      const shared = await heldOutNll(model, common, { draws: 4 });
      model.dispose();
      console.log(
        `| ${label} | ${margin} | ${outside} | ${all.toFixed(3)} | ${shared.toFixed(3)} | ` +
          `${((used.user + used.system) / 1e6).toFixed(1)} |`,
      );
    }
  }
}
const used = process.cpuUsage(total);
console.log(`\ntotal CPU ${((used.user + used.system) / 1e6).toFixed(0)} s`);

// `npx tsx bench/data-size.ts [transformer|realnvp] [--steps N]`: the cost of a default fit on 4,000 against
// 40,000 training points (the built-in colour π of 5,000 and 50,000 points, each split by the protocol), on
// wasm, with CPU seconds beside wall seconds and the test NLL of each. The recipes are step budgets, so the
// ratio should stay near 1. `--steps N` shortens both fits alike (a quick check of the ratio, not of quality).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  type Generator,
  heldOutNll,
  MaskedTransformerGenerator,
  protocolSplit,
  RealNVPGenerator,
} from '../src/index.js';

const args = process.argv.slice(2);
const which = args.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a));
const stepsAt = args.indexOf('--steps');
const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : undefined;
const MODELS: Record<string, () => Generator> = {
  transformer: () => new MaskedTransformerGenerator(),
  realnvp: () => new RealNVPGenerator(),
};

async function fitOn(make: () => Generator, count: number) {
  const { train, test } = protocolSplit(datasets.coloredPi({ count }));
  const model = make();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const history = await model.fit(train, { seed: 1, ...(steps === undefined ? {} : { steps }) });
  const used = process.cpuUsage(cpu);
  const result = {
    train: train.count,
    steps: history.steps,
    epochs: history.epochs.length,
    cpu: (used.user + used.system) / 1e6,
    wall: (performance.now() - wall) / 1e3,
    testNll: await heldOutNll(model, test, { draws: 4, seed: 0 }),
  };
  model.dispose();
  return result;
}

await tf.setBackend('wasm');
console.log('| model | train points | steps | epochs | fit CPU s | fit wall s | test NLL | CPU ratio |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const name of which.length > 0 ? which : Object.keys(MODELS)) {
  const make = MODELS[name];
  if (!make) throw new RangeError(`unknown model ${name} (known: ${Object.keys(MODELS).join(', ')})`);
  const small = await fitOn(make, 5000);
  const large = await fitOn(make, 50000);
  for (const r of [small, large]) {
    console.log(
      `| ${name} | ${r.train} | ${r.steps} | ${r.epochs} | ${r.cpu.toFixed(1)} | ${r.wall.toFixed(1)} | ` +
        `${r.testNll.toFixed(3)} | ${(r.cpu / small.cpu).toFixed(2)} |`,
    );
  }
}

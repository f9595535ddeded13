// npm run colorize -- [--model MODEL_DIR] [--data DIR] [--epochs N] [--backend wasm|cpu|…] [--out DIR] [--seed S]
//
// Colourising held-out positions: a conditional generator (the masked transformer) draws (r, g, b) given the
// (x, y) of each test point of the protocol split; its error is printed beside a 5-nearest-neighbour baseline
// (the mean colour of the 5 closest training positions), and the colourised test points are drawn beside the
// truth. Trains a transformer on the train split, or loads one saved by `pointgen fit --type masked-transformer`.
// The scoring itself, `colorize`, is shared with `pointgen reproduce` (src/cli/colorize.ts).
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { integer } from '../src/cli/args.js';
import { selectBackend } from '../src/cli/backend.js';
import { colorize } from '../src/cli/colorize.js';
import { writeComparisonPlot } from '../src/cli/plots.js';
import { colorizeLine } from '../src/cli/reproduce.js';
import {
  datasets,
  isConditional,
  loadGenerator,
  MaskedTransformerGenerator,
  protocolSplit,
} from '../src/index.js';
import { loadPiQuiz } from '../src/node/index.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    epochs: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string', default: 'out/colorize' },
    seed: { type: 'string' },
  },
});
const seed = integer(values, 'seed', 0) ?? 0;
const epochs = integer(values, 'epochs', 1) ?? 5;
console.error(`backend ${await selectBackend(values.backend)}`);
const { train, test } = protocolSplit(values.data ? await loadPiQuiz(values.data) : datasets.coloredPi());

const loaded = values.model ? await loadGenerator(values.model) : new MaskedTransformerGenerator();
if (!isConditional(loaded)) {
  throw new TypeError(`--model: expected a saved conditional model, got a ${loaded.type} model`);
}
const model = loaded;
if (!values.model) {
  console.error(`training a transformer on ${train.count} points for ${epochs} epochs…`);
  await model.fit(train, { epochs, seed });
}

console.log(colorizeLine(await colorize(model, train, test, seed + 3), test.count));

// One conditional draw per test position, drawn beside the test points' true colours.
const xs = Array.from({ length: test.count }, (_, i) => test.data[i * 5] as number);
const ys = Array.from({ length: test.count }, (_, i) => test.data[i * 5 + 1] as number);
const coloured = await model.sample(test.count, { seed: seed + 4, given: { x: xs, y: ys } });
await mkdir(values.out as string, { recursive: true });
const files = await writeComparisonPlot(test, coloured, values.out as string, 'colourised test positions');
console.log(`wrote ${files.join(', ')}`);
model.dispose();

// Cases for the config tests: a battery of good and bad options for the two model configs and `fit`
// (conditions.test.ts), and resolved defaults (resolved-defaults.test.ts), both compared with what the
// hand-written resolvers gave (main at 26b3eac; test/fixtures/config-conditions.json, resolved-configs.json).
import { DEFAULT_LATTICE_STEPS } from '../../src/data/lattice.js';
import { toPoints } from '../../src/data/points.js';
import { REALNVP_PRESETS, resolveRealNVPConfig } from '../../src/models/realnvp/config.js';
import {
  MASKED_TRANSFORMER_PRESETS,
  resolveMaskedTransformerConfig,
} from '../../src/models/transformer/config.js';
import { resolveTrainSettings, type SettingsContext } from '../../src/train/settings.js';

/** Outcomes by group (what is varied), then by outcome (`ok` or `Class@path`), then the values' labels. */
export type Outcomes = Record<string, Record<string, string[]>>;

const VALUES = [
  undefined,
  null,
  'x',
  '3',
  true,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  0,
  0.5,
  1,
  1.5,
  2,
  3,
  7,
  64,
  65,
  2 ** 32,
  [],
  {},
];
const STEPS = [
  [0.1, 0.1, 0.1, 0.1, 0.1],
  [0.1, 0.1],
  [0.6, 0.1, 0.1, 0.1, 0.1],
  [1e-6, 0.1, 0.1, 0.1, 0.1],
  [1e-5, 0.1, 0.1, 0.1, 0.1],
  [0, 0.1, 0.1, 0.1, 0.1],
  [0.5, 0.5, 0.5, 0.5, 0.5],
  ['0.1', 0.1, 0.1, 0.1, 0.1],
];
const EXTRA: Record<string, unknown[]> = {
  transform: ['affine', 'spline', 'Spline'],
  activation: ['relu', 'elu', 'tanh', 'swish', 'gelu'],
  mixing: ['alternate', 'permutation', 'rotation', 'shuffle'],
  head: ['logistic-mixture', 'categorical', 'x'],
  schedule: ['cosine', 'constant', 'linear'],
  preset: ['default', 'original', 'toString', '__proto__', 'constructor'],
  latticeSteps: STEPS,
  order: [
    [0, 1, 2, 3, 4],
    [4, 3, 2, 1, 0],
    [0, 1, 2, 3],
    [0, 0, 1, 2, 3],
    ['0', 1, 2, 3, 4],
    [0, 1, 2, 3, 5],
    [0.5, 1, 2, 3, 4],
  ],
  splineBound: [50, 50.1, 1e-9],
  logScaleClamp: [20, 20.1],
  logitAlpha: [0.4999, 1e-12],
  dropout: [0.99, 0.999999],
  mlpRatio: [0.25, 1 / 64, 1 / 3, 2.5],
  learningRate: [10, 10.1, 1e-9],
  clipNorm: [Number.MAX_VALUE, 1e300],
  weightDecay: [0.9999],
  validationFraction: [0.99, '0.5'],
  emaDecay: [0.99999, 0.999991],
  jitter: [0.9999],
  embedDim: [63, 4096, 4097],
  heads: [3, 8, 256, 257],
  seed: [2 ** 32 - 1, 1e10],
  resolution: [65536, 65537],
  fourierFeatures: [20, 21],
  onDivergence: ['throw', 'reduce-lr'],
  validation: [[[0.5, 0.5]]],
};
const REALNVP_KEYS = [
  'dim',
  'couplings',
  'transform',
  'bins',
  'splineBound',
  'hidden',
  'depth',
  'activation',
  'mixing',
  'actnorm',
  'logScaleClamp',
  'logitAlpha',
  'latticeSteps',
  'seed',
  'preset',
  'nope',
];
const TRANSFORMER_KEYS = [
  'dim',
  'embedDim',
  'heads',
  'layers',
  'mlpRatio',
  'dropout',
  'fourierFeatures',
  'order',
  'head',
  'mixtureComponents',
  'members',
  'latticeSteps',
  'resolution',
  'seed',
  'preset',
  'nope',
];
const TRAINING_KEYS = [
  'epochs',
  'steps',
  'batchSize',
  'learningRate',
  'schedule',
  'warmupSteps',
  'minLearningRateFactor',
  'clipNorm',
  'weightDecay',
  'validationFraction',
  'patience',
  'emaDecay',
  'jitter',
  'nope',
];
const FIT_KEYS = ['timeBudget', 'validation', 'dequantize', 'onDivergence', 'signal'];

const label = (v: unknown): string =>
  v === undefined
    ? 'undefined'
    : typeof v === 'number' && !Number.isFinite(v)
      ? String(v)
      : JSON.stringify(v);

function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    const err = e as Error;
    const kind = err instanceof RangeError ? 'RangeError' : err instanceof TypeError ? 'TypeError' : err.name;
    return `${kind}@${err.message.split(':')[0]}`;
  }
}

/** Runs every case of the battery. */
export function runConditions(): Outcomes {
  const out: Outcomes = {};
  const record = (group: string, value: unknown, run: () => unknown) => {
    const byOutcome = out[group] ?? {};
    const result = outcome(run);
    byOutcome[result] = [...(byOutcome[result] ?? []), label(value)];
    out[group] = byOutcome;
  };
  const models = [
    ['realnvp', resolveRealNVPConfig, REALNVP_KEYS],
    ['masked-transformer', resolveMaskedTransformerConfig, TRANSFORMER_KEYS],
  ] as const;
  for (const [model, resolve, keys] of models) {
    const run = resolve as (options: unknown) => unknown;
    for (const v of [undefined, null, 3, 'x', [], {}]) record(`${model} options`, v, () => run(v));
    for (const key of keys) {
      for (const v of [...VALUES, ...(EXTRA[key] ?? [])]) {
        record(`${model} ${key}`, v, () => run({ [key]: v }));
        if (key === 'latticeSteps' || key === 'order')
          record(`${model} dim 2, ${key}`, v, () => run({ dim: 2, [key]: v }));
      }
    }
    for (const v of [undefined, null, 3, 'ab', [], {}])
      record(`${model} training`, v, () => run({ training: v }));
    for (const key of TRAINING_KEYS) {
      for (const v of [...VALUES, ...(EXTRA[key] ?? [])])
        record(`${model} training.${key}`, v, () => run({ training: { [key]: v } }));
    }
    record(`${model} embedDim 30`, 'heads 4', () => run({ embedDim: 30, heads: 4 }));
    record(`${model} embedDim 30`, 'mlpRatio 0.1', () => run({ embedDim: 30, mlpRatio: 0.1 }));
  }
  const data = toPoints([
    [3 / 300, 299 / 300, 0, 1, 128 / 255],
    [0, 1, 17 / 255, 254 / 255, 1],
  ]);
  // The lattice a model trains on once `latticeSteps: 'auto'` has found the quiz lattice in quiz-like data.
  const context: SettingsContext = {
    defaults: REALNVP_PRESETS.default.training,
    dim: 5,
    lattice: DEFAULT_LATTICE_STEPS,
  };
  const fitSettings = (options: unknown, c = context) => resolveTrainSettings(options as never, data, c);
  for (const v of [undefined, null, 3, 'x', [], {}]) record('fit options', v, () => fitSettings(v));
  for (const key of [...TRAINING_KEYS, ...FIT_KEYS]) {
    for (const v of [...VALUES, ...(EXTRA[key] ?? [])])
      record(`fit ${key}`, v, () => fitSettings({ [key]: v }));
  }
  record('fit patience 3', 'alone', () => fitSettings({ patience: 3 }));
  record('fit patience 3', 'validation 0.1', () => fitSettings({ patience: 3, validation: 0.1 }));
  record('fit patience 3', 'validationFraction 0.1', () =>
    fitSettings({ patience: 3, validationFraction: 0.1 }),
  );
  record('fit timeBudget 5', 'steps 3', () => fitSettings({ timeBudget: 5, steps: 3 }));
  record('fit timeBudget 5', 'epochs 3', () => fitSettings({ timeBudget: 5, epochs: 3 }));
  record('fit dequantize true', 'no lattice', () =>
    fitSettings({ dequantize: true }, { ...context, lattice: null }),
  );
  return out;
}

/** Resolved configs and `fit` settings for a few options, by name. */
export function resolveAll(): Record<string, unknown> {
  const cases = [
    {},
    { preset: 'original' },
    { dim: 3 },
    { dim: 3, preset: 'original' },
    { dim: 2, latticeSteps: [0.1, 0.2] },
    { latticeSteps: null },
    { training: { epochs: 5, emaDecay: 0 } },
  ];
  const out: Record<string, unknown> = {};
  for (const c of cases) {
    out[`realnvp ${JSON.stringify(c)}`] = resolveRealNVPConfig(c as never);
    out[`masked-transformer ${JSON.stringify(c)}`] = resolveMaskedTransformerConfig(c as never);
  }
  const data = toPoints([
    [3 / 300, 299 / 300, 0, 1, 128 / 255],
    [0, 1, 17 / 255, 254 / 255, 1],
  ]);
  const models = [
    ['realnvp', REALNVP_PRESETS],
    ['masked-transformer', MASKED_TRANSFORMER_PRESETS],
  ] as const;
  for (const [name, presets] of models) {
    for (const preset of ['default', 'original'] as const) {
      const config = presets[preset];
      const context = { defaults: config.training, dim: config.dim, lattice: DEFAULT_LATTICE_STEPS };
      for (const fit of [{}, { validation: 0.1, epochs: 3 }, { steps: 500 }, { timeBudget: 5 }]) {
        const { validation, seed, callbacks, signal, ...rest } = resolveTrainSettings(fit, data, context);
        out[`fit ${name} ${preset} ${JSON.stringify(fit)}`] = rest;
      }
    }
  }
  return out;
}

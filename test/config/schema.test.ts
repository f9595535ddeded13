import { describe, expect, it } from 'vitest';
import {
  boolean,
  type ConfigOf,
  either,
  integer,
  number,
  numbers,
  oneOf,
  permutation,
} from '../../src/config/fields.js';
import { configSchema } from '../../src/config/schema.js';
import { ConfigError, type ConfigErrorCode } from '../../src/errors.js';
import { RealNVPGenerator } from '../../src/index.js';
import { REALNVP_PRESETS } from '../../src/models/realnvp/config.js';
import { TRAINING_SCHEMA, trainingField } from '../../src/train/options.js';

// A config as a new model would declare it.
const FIELDS = {
  dim: integer(1, 64),
  components: integer(1, 256),
  count: either(integer(1, 10), oneOf(['auto'])),
  covariance: oneOf(['full', 'diagonal']),
  shared: boolean(),
  floor: number({ above: 0, to: 1 }).orAbsent(),
  order: permutation('dim').follow(['dim'], (c) => Array.from({ length: c.dim as number }, (_, i) => i)),
  steps: numbers({ above: 0, to: 0.5 }, { lengthOf: 'dim', nullable: true }).follow(['dim'], () => null),
  width: integer(1, 64).where((w, c) => (w % (c.components as number) === 0 ? undefined : 'not a multiple')),
  training: trainingField(),
};
type ToyConfig = ConfigOf<typeof FIELDS>;
const DEFAULT: ToyConfig = {
  dim: 2,
  components: 4,
  count: 'auto',
  covariance: 'full',
  shared: false,
  order: [1, 0],
  steps: [0.1, 0.1],
  width: 8,
  training: REALNVP_PRESETS.default.training,
};
const TOY = configSchema('Toy', FIELDS, { default: DEFAULT, small: { ...DEFAULT, components: 1 } });

function rejects(run: () => unknown, path: string, code: ConfigErrorCode): void {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect(e).toBeInstanceOf(RangeError);
    expect({ path: (e as ConfigError).path, code: (e as ConfigError).code }).toEqual({ path, code });
    expect((e as Error).message.startsWith(`${path}: `)).toBe(true);
    return;
  }
  expect.fail(`expected a ConfigError at ${path}`);
}

describe('configSchema', () => {
  it('merges options over a preset, nested objects key by key', () => {
    const config = TOY.resolve({ preset: 'small', width: 3, training: { epochs: 2 } });
    expect(config).toMatchObject({ components: 1, width: 3, order: [1, 0] });
    expect(config.training).toEqual({ ...DEFAULT.training, epochs: 2 });
    expect(TOY.resolve()).toEqual(DEFAULT);
    expect(TOY.keys).toEqual(Object.keys(FIELDS));
  });

  it('gives fields that follow `dim` their derived value when `dim` changes and they are left out', () => {
    expect(TOY.resolve({ dim: 3 })).toMatchObject({ order: [0, 1, 2], steps: null });
    expect(TOY.resolve({ dim: 3, order: [2, 1, 0] }).order).toEqual([2, 1, 0]);
    rejects(() => TOY.resolve({ dim: 3, steps: [0.1, 0.1] }), 'options.steps', 'constraint');
  });

  it('names the path and the kind of every problem', () => {
    rejects(() => TOY.resolve({ dim: 'x' }), 'options.dim', 'type');
    rejects(() => TOY.resolve({ dim: 2.5 }), 'options.dim', 'range');
    rejects(() => TOY.resolve({ covariance: 'spherical' }), 'options.covariance', 'choice');
    expect(TOY.resolve({ count: 3 }).count).toBe(3);
    rejects(() => TOY.resolve({ count: 11 }), 'options.count', 'range');
    expect(() => TOY.resolve({ count: 'some' })).toThrow(
      "options.count: expected an integer in [1, 10] or one of 'auto', got 'some'",
    );
    rejects(() => TOY.resolve({ width: 6 }), 'options.width', 'constraint');
    rejects(() => TOY.resolve({ order: [0, 0] }), 'options.order', 'constraint');
    rejects(() => TOY.resolve({ floor: 0 }), 'options.floor', 'range');
    rejects(() => TOY.resolve({ component: 3 }), 'options.component', 'unknown-key');
    rejects(() => TOY.resolve({ training: { epoch: 3 } }), 'options.training.epoch', 'unknown-key');
    rejects(() => TOY.resolve({ training: 3 }), 'options.training', 'type');
    rejects(() => TOY.resolve({ preset: 'large' }), 'options.preset', 'choice');
    rejects(() => TOY.resolve({ dim: undefined }), 'options.dim', 'type');
    rejects(() => TOY.check({ ...DEFAULT, dim: undefined }, 'config'), 'config.dim', 'type');
    const { width: _, ...partial } = DEFAULT;
    rejects(() => TOY.check(partial, 'config'), 'config.width', 'missing');
    expect(() => TOY.resolve(null)).toThrow(TypeError);
  });

  it('lets optional fields be absent and keeps an explicit undefined, as a spread would', () => {
    expect(TOY.resolve({ floor: 0.5 }).floor).toBe(0.5);
    expect('floor' in TOY.resolve()).toBe(false);
    const config = TOY.resolve({ training: { emaDecay: undefined } });
    expect('emaDecay' in config.training && config.training.emaDecay === undefined).toBe(true);
    expect(TOY.resolve({ training: undefined }).training).toEqual(DEFAULT.training);
  });
});

describe('ConfigError', () => {
  it('is what the models and fit throw for a bad option', () => {
    rejects(() => new RealNVPGenerator({ training: { epochs: 0 } }), 'options.training.epochs', 'range');
    rejects(
      () => TRAINING_SCHEMA.merge(DEFAULT.training, { schedule: 'step' }, 'options'),
      'options.schedule',
      'choice',
    );
  });
});

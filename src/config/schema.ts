/**
 * Configurations declared once, as a table of fields: from the table come the TypeScript type
 * ({@link ConfigOf}), the validation (a {@link ConfigError} naming the path and kind of the first problem),
 * the rejection of unknown keys, and the merging of user options over a preset.
 *
 * Our own small table rather than zod, because pointgen has no runtime dependency (only peers) and zod would
 * weigh more than what it replaces. `esbuild --bundle --minify` of a two-object schema: zod 4.6.7 454 KB
 * (92 KB gzipped), `zod/mini` 20 KB (6.6 KB); these two modules 4.2 KB (1.8 KB). zod's errors would still
 * need translating into `ConfigError`s, and the rules between fields (heads dividing the width, defaults that
 * follow `dim`) are code either way.
 *
 * A model declares its config like this (see `src/models/realnvp/config.ts`):
 * - the table, one builder per field with its doc comment (`orAbsent()` for an optional field, `where()`
 *   for a rule between fields, `follow(['dim'], …)` for a default that must change with `dim`, `either()`
 *   for a value of two kinds);
 * - its type, `interface XConfig extends ConfigOf<typeof X_FIELDS> {}` (the doc comments carry over);
 * - its presets, typed by that interface, and the schema from `configSchema`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { REALNVP_PRESETS } from 'pointgen';
 * import { either, integer, number, oneOf, seedField, type ConfigOf } from './fields.js';
 * import { configSchema } from './schema.js';
 * import { trainingField } from '../train/options.js';
 *
 * const MIXTURE_FIELDS = {
 *   // a doc comment on each field becomes the config type's property doc
 *   dim: integer(1, 64),
 *   components: either(integer(1, 10000), oneOf(['scaled', 'auto'])),
 *   covariance: oneOf(['full', 'diagonal']),
 *   floor: number({ above: 0 }).orAbsent(),
 *   seed: seedField(),
 *   training: trainingField(),
 * };
 * export interface MixtureConfig extends ConfigOf<typeof MIXTURE_FIELDS> {}
 * const training = REALNVP_PRESETS.default.training; // or the model's own defaults of `fit`
 * const DEFAULT: MixtureConfig = { dim: 5, components: 'scaled', covariance: 'full', seed: 0, training };
 * export const MIXTURE_SCHEMA = configSchema('GaussianMixture', MIXTURE_FIELDS, { default: DEFAULT });
 *
 * MIXTURE_SCHEMA.resolve({ components: 8, training: { epochs: 5 } }); // the default with two overrides
 * MIXTURE_SCHEMA.resolve({ component: 8 }); // ConfigError: options.component: unknown GaussianMixture option …
 * MIXTURE_SCHEMA.check(JSON.parse(readFileSync('model.json', 'utf8')).config, 'config'); // a whole config (a file's): every key required
 * ```
 */
import { ConfigError } from '../errors.js';
import { Builder, type ConfigOf, type Field, type Fields, fail, type Siblings } from './fields.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A nested config (such as `training`): its own keys checked, and partial overrides merged onto the preset's.
 *
 * @example
 * ```ts
 * import { TRAINING_FIELDS } from '../train/options.js';
 * const training = object(TRAINING_FIELDS, 'training');
 * ```
 */
export function object<F extends Fields>(fields: F, name = 'option'): Builder<ConfigOf<F>> {
  const schema = new ConfigSchema<F>(name, fields);
  return new Builder<ConfigOf<F>, false>(
    `an object of ${name} options`,
    (v, path) => schema.check(v, path),
    false,
    undefined,
    (base, overrides, path) => schema.merge(base, overrides, path),
  );
}

/**
 * A config declared by a table of fields, with its presets: validation, unknown-key rejection and merging of
 * user options over a preset. See the module's documentation for an example.
 */
export class ConfigSchema<F extends Fields, P extends string = never> {
  /** The keys of the config, in the table's order. */
  readonly keys: readonly (keyof F & string)[];

  /**
   * @param name - names the config in messages (`unknown RealNVP option`).
   * @param fields - the table: one field per key, checked in this order.
   * @param presets - named whole configs; options start from `presets.default`.
   */
  constructor(
    readonly name: string,
    readonly fields: F,
    readonly presets: Readonly<Record<P, ConfigOf<F>>> = {} as Record<P, ConfigOf<F>>,
  ) {
    this.keys = Object.keys(fields);
  }

  /** Throws a `unknown-key` {@link ConfigError} for the first key of `value` that is not in the table. */
  rejectUnknownKeys(value: object, path: string, also: readonly string[] = []): void {
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(this.fields, key) && !also.includes(key)) {
        const known = [...this.keys, ...also].join(', ');
        throw new ConfigError(
          `${path}.${key}`,
          'unknown-key',
          `unknown ${this.name} option (known: ${known})`,
        );
      }
    }
  }

  /**
   * Checks a whole config: every key known, every field valid (in the table's order).
   *
   * @throws {ConfigError} for the first bad, missing or unknown field.
   */
  check(value: unknown, path = 'config'): ConfigOf<F> {
    return this.build(value, path);
  }

  /**
   * `overrides` (a partial config) over `base`, checked. A nested object merges key by key; a field that
   * follows others (see {@link Field.follows}) takes its derived value when the overrides change what it follows
   * but leave it out. An explicit `undefined` replaces the base's value, as an object spread would, except for
   * a nested object, which then stays the base's.
   *
   * @throws {ConfigError} for an unknown key or a bad field.
   */
  merge(base: ConfigOf<F>, overrides: unknown, path = 'options'): ConfigOf<F> {
    if (overrides === undefined) return this.build(base, path);
    if (!isRecord(overrides)) return fail(path, 'type', `an object of ${this.name} options`, overrides);
    this.rejectUnknownKeys(overrides, path);
    const baseRecord = base as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...baseRecord };
    for (const key of this.keys) {
      if (!Object.hasOwn(overrides, key)) continue;
      const value = overrides[key];
      const nested = (this.fields[key] as Field<unknown>).merge;
      if (!nested) merged[key] = value;
      else if (value !== undefined) merged[key] = nested(baseRecord[key], value, `${path}.${key}`);
    }
    return this.build(merged, path, { base: baseRecord, overrides });
  }

  /** Checks `value` field by field; with `derive`, fields that follow others may take their derived value. */
  private build(
    value: unknown,
    path: string,
    derive?: { readonly base: Siblings; readonly overrides: Siblings },
  ): ConfigOf<F> {
    if (!isRecord(value)) return fail(path, 'type', `an object of ${this.name} options`, value);
    this.rejectUnknownKeys(value, path);
    const out: Record<string, unknown> = { ...value };
    for (const key of this.keys) {
      const field = this.fields[key] as Field<unknown>;
      const { follows } = field;
      // What a field follows comes earlier in the table, so it is already checked here.
      if (follows && derive && derive.overrides[key] === undefined) {
        if (follows.from.some((k) => out[k] !== derive.base[k])) out[key] = follows.value(out);
      }
      if (Object.hasOwn(out, key)) out[key] = field.parse(out[key], `${path}.${key}`, out);
      else if (!field.optional) {
        throw new ConfigError(`${path}.${key}`, 'missing', `missing ${this.name} option`);
      }
    }
    return out as ConfigOf<F>;
  }

  /**
   * The config for constructor `options`: the preset named by `options.preset` (default `'default'`) with the
   * other options over it, checked.
   *
   * @throws {TypeError} when `options` is not an object.
   * @throws {ConfigError} naming the first bad or unknown option.
   */
  resolve(options: unknown = {}, argument = 'options'): ConfigOf<F> {
    if (!isRecord(options)) throw new TypeError(`${argument}: expected an object, got ${String(options)}`);
    this.rejectUnknownKeys(options, argument, ['preset']);
    const preset = options.preset ?? 'default';
    if (!Object.hasOwn(this.presets, preset as string)) {
      const names = Object.keys(this.presets).map((p) => `'${p}'`);
      return fail(`${argument}.preset`, 'choice', `one of ${names.join(', ')}`, preset);
    }
    const { preset: _, ...overrides } = options;
    return this.merge(this.presets[preset as P], overrides, argument);
  }
}

/**
 * Declares a config: its table of fields and its presets (there must be a `default`).
 *
 * @example
 * ```ts
 * import { integer } from './fields.js';
 * const SCHEMA = configSchema('Toy', { size: integer(1, 10) }, { default: { size: 3 } });
 * SCHEMA.resolve({ size: 4 }).size; // 4
 * ```
 */
export function configSchema<F extends Fields, P extends string>(
  name: string,
  fields: F,
  presets: Readonly<Record<P, ConfigOf<NoInfer<F>>>> & { readonly default: unknown },
): ConfigSchema<F, P> {
  return new ConfigSchema<F, P>(name, fields, presets as Readonly<Record<P, ConfigOf<F>>>);
}

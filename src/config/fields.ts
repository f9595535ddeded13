/**
 * The fields a config table is made of ({@link integer}, {@link number}, {@link oneOf}, …), and the type of a
 * config declared by such a table ({@link ConfigOf}). `./schema.ts` turns a table into checks and merging.
 */
import { ConfigError, type ConfigErrorCode } from '../errors.js';

/** A field's view of the config it belongs to, while that config is being checked. */
export type Siblings = Readonly<Record<string, unknown>>;

/**
 * One field of a config table: how a value is checked, and what the options may leave out. Build fields with
 * {@link integer}, {@link number}, {@link oneOf}, {@link boolean}, {@link list}, {@link object}, … rather than
 * by hand.
 */
export interface Field<T> {
  /** May the value be absent (`undefined`)? */
  readonly optional: boolean;
  /**
   * Checks `value` at `path` and returns it (arrays frozen copies), or throws a {@link ConfigError}.
   * `config` holds the other fields, already checked when they come earlier in the table.
   */
  parse(value: unknown, path: string, config: Siblings): T;
  /** For nested objects: merges partial `overrides` onto `base` (keys checked). */
  merge?(base: T, overrides: unknown, path: string): T;
  /**
   * When the options leave this field out but change one of `from` (e.g. `dim`), the preset's value no longer
   * fits: the field then takes `value(config)`.
   */
  readonly follows?: { readonly from: readonly string[]; readonly value: (config: Siblings) => T };
}

/** A table of fields, one per key of the config. */
export type Fields = Readonly<Record<string, Field<unknown>>>;

type ValueOf<F> = F extends Field<infer T> ? T : never;
type IsOptional<X> = X extends { readonly optional: true } ? true : false;
// Mapped over `keyof F` (with `as` filters), so that the fields' doc comments carry over to the config type.
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The TypeScript type of a config declared by a table of fields: optional fields become optional keys.
 *
 * @example
 * ```ts
 * type Shape = ConfigOf<{ size: Field<number>; name: Field<string> }>; // { readonly size: number; readonly name: string }
 * ```
 */
export type ConfigOf<F extends Fields> = Simplify<
  { readonly [K in keyof F as IsOptional<F[K]> extends true ? never : K]: ValueOf<F[K]> } & {
    readonly [K in keyof F as IsOptional<F[K]> extends true ? K : never]?: ValueOf<F[K]>;
  }
>;

const show = (value: unknown): string =>
  typeof value === 'string' ? `'${value}'` : Array.isArray(value) ? JSON.stringify(value) : String(value);

export const fail = (path: string, code: ConfigErrorCode, expected: string, value: unknown): never => {
  throw new ConfigError(path, code, `expected ${expected}, got ${show(value)}`);
};

export class Builder<T, O extends boolean = false> implements Field<T> {
  constructor(
    /** What the field accepts, in words (`an integer in [1, 64]`), for messages. */
    readonly expected: string,
    readonly parse: (value: unknown, path: string, config: Siblings) => T,
    readonly optional: O,
    readonly follows?: Field<T>['follows'],
    readonly merge?: Field<T>['merge'],
  ) {}

  /** The same field, which may also be absent. */
  orAbsent(): Builder<T, true> {
    const parse = this.parse;
    return new Builder<T, true>(
      this.expected,
      (v, path, c) => (v === undefined ? (undefined as T) : parse(v, path, c)),
      true,
      this.follows,
      this.merge,
    );
  }

  /** The same field with an extra rule; `check` returns what is wrong, or `undefined`. */
  where(check: (value: T, config: Siblings) => string | undefined): Builder<T, O> {
    const parse = this.parse;
    return new Builder<T, O>(
      this.expected,
      (v, path, c) => {
        const value = parse(v, path, c);
        const problem = value === undefined ? undefined : check(value, c);
        if (problem !== undefined) throw new ConfigError(path, 'constraint', problem);
        return value;
      },
      this.optional,
      this.follows,
      this.merge,
    );
  }

  /** The same field, taking `value(config)` when the options leave it out but change any of `from`. */
  follow(from: readonly string[], value: (config: Siblings) => T): Builder<T, O> {
    return new Builder<T, O>(this.expected, this.parse, this.optional, { from, value }, this.merge);
  }
}

const field = <T>(expected: string, parse: (value: unknown, path: string, config: Siblings) => T) =>
  new Builder<T, false>(expected, parse, false);

/**
 * An integer in `[min, max]`.
 *
 * @example
 * ```ts
 * const couplings = integer(1, 64);
 * ```
 */
export function integer(min: number, max = Number.POSITIVE_INFINITY): Builder<number> {
  const expected =
    max === Number.POSITIVE_INFINITY ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
  return field(expected, (v, path) => {
    if (typeof v !== 'number') return fail(path, 'type', expected, v);
    return Number.isInteger(v) && v >= min && v <= max ? v : fail(path, 'range', expected, v);
  });
}

/**
 * A seed: an integer in `[0, 2^32)`.
 *
 * @example
 * ```ts
 * const seed = seedField();
 * ```
 */
export function seedField(): Builder<number> {
  return integer(0, 2 ** 32 - 1);
}

/** Bounds of a {@link number} field; a missing side is unbounded. */
export interface Interval {
  /** Exclusive lower bound. */
  readonly above?: number;
  /** Inclusive lower bound. */
  readonly from?: number;
  /** Exclusive upper bound. */
  readonly below?: number;
  /** Inclusive upper bound. */
  readonly to?: number;
}

function describeInterval({ above, from, below, to }: Interval): string {
  const lo = above ?? from;
  const hi = below ?? to;
  if (lo !== undefined && hi !== undefined) {
    return `in ${above !== undefined ? '(' : '['}${lo}, ${hi}${below !== undefined ? ')' : ']'}`;
  }
  if (lo !== undefined) return above !== undefined ? `> ${lo}` : `≥ ${lo}`;
  if (hi !== undefined) return below !== undefined ? `< ${hi}` : `≤ ${hi}`;
  return '';
}

/** Is `v` a finite number inside `interval`? */
function inInterval(v: unknown, { above, from, below, to }: Interval): v is number {
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (above === undefined || v > above) &&
    (from === undefined || v >= from) &&
    (below === undefined || v < below) &&
    (to === undefined || v <= to)
  );
}

/**
 * A finite number inside `interval`.
 *
 * @example
 * ```ts
 * const dropout = number({ from: 0, below: 1 }); // [0, 1)
 * ```
 */
export function number(interval: Interval = {}): Builder<number> {
  const expected = `a finite number ${describeInterval(interval)}`.trimEnd();
  return field(expected, (v, path) => {
    if (typeof v !== 'number') return fail(path, 'type', expected, v);
    return inInterval(v, interval) ? v : fail(path, 'range', expected, v);
  });
}

/**
 * One of a few strings.
 *
 * @example
 * ```ts
 * const mixing = oneOf(['alternate', 'permutation', 'rotation'] as const);
 * ```
 */
export function oneOf<const C extends string>(choices: readonly C[]): Builder<C> {
  const expected = `one of ${choices.map((c) => `'${c}'`).join(', ')}`;
  return field(expected, (v, path) =>
    (choices as readonly unknown[]).includes(v) ? (v as C) : fail(path, 'choice', expected, v),
  );
}

/**
 * `true` or `false`.
 *
 * @example
 * ```ts
 * const actnorm = boolean();
 * ```
 */
export function boolean(): Builder<boolean> {
  return field('a boolean', (v, path) => (typeof v === 'boolean' ? v : fail(path, 'type', 'a boolean', v)));
}

/**
 * A list of numbers inside `interval`, as many as the config's field `lengthOf` says (e.g. one per coordinate:
 * `'dim'`), or `null` when `nullable`. The value is a frozen copy.
 *
 * @example
 * ```ts
 * const latticeSteps = numbers({ above: 0, to: 0.5 }, { lengthOf: 'dim', nullable: true });
 * ```
 */
export function numbers(
  interval: Interval,
  options: { readonly lengthOf: string; readonly nullable: true },
): Builder<readonly number[] | null>;
export function numbers(
  interval: Interval,
  options: { readonly lengthOf: string },
): Builder<readonly number[]>;
export function numbers(
  interval: Interval,
  { lengthOf, nullable = false }: { readonly lengthOf: string; readonly nullable?: boolean },
): Builder<readonly number[] | null> {
  const words = `${nullable ? 'null or ' : ''}numbers ${describeInterval(interval)}, one per ${lengthOf}`;
  return field(words, (v, path, config) => {
    if (nullable && v === null) return null;
    const n = config[lengthOf] as number;
    const expected = `${nullable ? 'null or ' : ''}${n} numbers ${describeInterval(interval)} (one per ${lengthOf})`;
    if (!Array.isArray(v)) return fail(path, 'type', expected, v);
    if (v.length !== n) return fail(path, 'constraint', expected, v);
    return v.every((s) => inInterval(s, interval)) ? Object.freeze([...v]) : fail(path, 'range', expected, v);
  });
}

/**
 * A permutation of `0 … n-1`, `n` being the config's field `lengthOf`. The value is a frozen copy.
 *
 * @example
 * ```ts
 * const order = permutation('dim');
 * ```
 */
export function permutation(lengthOf: string): Builder<readonly number[]> {
  return field(`a permutation of 0…${lengthOf}-1`, (v, path, config) => {
    const n = config[lengthOf] as number;
    const ok = Array.isArray(v) && v.length === n && [...v].sort((a, b) => a - b).every((x, i) => x === i);
    return ok
      ? Object.freeze([...v])
      : fail(path, Array.isArray(v) ? 'constraint' : 'type', `a permutation of 0…${n - 1}`, v);
  });
}

/**
 * A value that one of two fields accepts (the first that does gives it), such as a count or a rule's name.
 *
 * @example
 * ```ts
 * const components = either(integer(1, 10000), oneOf(['scaled', 'auto']));
 * ```
 */
export function either<A, B>(first: Builder<A>, second: Builder<B>): Builder<A | B> {
  const expected = `${first.expected} or ${second.expected}`;
  return field<A | B>(expected, (v, path, config) => {
    for (const option of [first, second]) {
      try {
        return option.parse(v, path, config);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
      }
    }
    return fail(path, typeof v === 'number' ? 'range' : 'type', expected, v);
  });
}

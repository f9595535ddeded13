import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.js';

/** The option table of one command, in node:util parseArgs form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed flag values: strings and booleans, absent when not given. */
export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * Parses `argv` against `options` strictly (unknown flags, missing values and positionals are errors), with
 * `--help`/`-h` added to every command. Returns `'help'` when help was asked for.
 *
 * @throws {UsageError} one line naming the bad flag and where to look.
 */
export function parseFlags(
  command: string,
  argv: readonly string[],
  options: OptionSpec,
): FlagValues | 'help' {
  const hint = `see 'pointgen ${command} --help'`;
  let values: FlagValues;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }) as { values: FlagValues });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown option ${unknown[1]} for '${command}' (${hint})`);
    const positional = /Unexpected argument '([^']*)'/.exec(message);
    if (positional) throw new UsageError(`unexpected argument '${positional[1]}' (${hint})`);
    throw new UsageError(`${firstLine(message)} (${hint})`);
  }
  return values.help ? 'help' : values;
}

/** The value of a required string flag. */
export function required(values: FlagValues, flag: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${flag} is required`);
  return v;
}

/** The value of an optional string flag (`undefined` when absent). */
export function optional(values: FlagValues, flag: string): string | undefined {
  const v = values[flag];
  return typeof v === 'string' ? v : undefined;
}

/** An integer flag in `[min, max]`, or `undefined` when absent. */
export function integer(
  values: FlagValues,
  flag: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const text = optional(values, flag);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(/^[-+]?\d+$/.test(text.trim()) && Number.isSafeInteger(n) && n >= min && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`--${flag}: expected an integer ${range}, got '${text}'`);
  }
  return n;
}

/** A number flag in `[0, 1)` (a share), or `undefined` when absent. */
export function fraction(values: FlagValues, flag: string): number | undefined {
  const text = optional(values, flag);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !(n >= 0 && n < 1)) {
    throw new UsageError(`--${flag}: expected a number in [0, 1), got '${text}'`);
  }
  return n;
}

/** A flag restricted to `choices`, or `undefined` when absent. */
export function choice<T extends string>(
  values: FlagValues,
  flag: string,
  choices: readonly T[],
): T | undefined {
  const v = optional(values, flag);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${flag}: expected one of ${choices.join(', ')}, got '${v}'`);
  }
  return v as T;
}

/** A required flag restricted to `choices`. */
export function requiredChoice<T extends string>(values: FlagValues, flag: string, choices: readonly T[]): T {
  required(values, flag);
  return choice(values, flag, choices) as T;
}

/**
 * `-n -5` as `--count=-5`: parseArgs takes a value starting with `-` for an option ("argument is ambiguous"),
 * and the range check that follows names the flag and the bad number instead.
 */
function joinNegativeValues(argv: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const next = argv[i + 1];
    const name = token.startsWith('--')
      ? token.slice(2)
      : Object.keys(options).find((k) => token === `-${options[k]?.short}`);
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`--${name}=${next}`);
      i += 1;
    } else out.push(token);
  }
  return out;
}

function firstLine(text: string): string {
  return text.split('\n')[0] as string;
}

/**
 * A flag that was renamed: the value of `--name`, or of the old `--old` with a warning saying so (both at once
 * is a usage error).
 */
export function renamed(
  values: FlagValues,
  name: string,
  old: string,
  why: string,
): { value: string | undefined; warnings: string[] } {
  const value = optional(values, name);
  const legacy = optional(values, old);
  if (legacy === undefined) return { value, warnings: [] };
  if (value !== undefined)
    throw new UsageError(`--${old} and --${name} name the same thing; give only --${name}`);
  return { value: legacy, warnings: [`--${old} ${legacy} is now --${name} ${legacy} (${why})`] };
}

/** `--lattice`: `auto`, `none`, or steps (`1/300`, `0.5`), one for every coordinate or `dim` separated by commas. */
export type LatticeFlag = 'auto' | null | number[];

/** The value of `--lattice` (default `auto`). */
export function latticeFlag(values: FlagValues, dim: number): LatticeFlag {
  const text = optional(values, 'lattice');
  if (text === undefined || text === 'auto') return 'auto';
  if (text === 'none') return null;
  const parts = text.split(',').map((p) => p.trim());
  const steps = parts.map((p) => {
    const m = /^([^/]+)(?:\/([^/]+))?$/.exec(p);
    const v = m ? Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2])) : Number.NaN;
    return p !== '' && Number.isFinite(v) && v > 0 ? v : Number.NaN;
  });
  if (steps.some(Number.isNaN) || (steps.length !== 1 && steps.length !== dim)) {
    throw new UsageError(
      `--lattice: expected auto, none, or 1 or ${dim} positive steps such as 1/300 (comma-separated), got '${text}'`,
    );
  }
  return steps.length === 1 ? new Array(dim).fill(steps[0]) : steps;
}

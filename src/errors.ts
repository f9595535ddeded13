/**
 * Why a point set was rejected. Stable strings, so that callers can branch on them (`'constant'`: a coordinate
 * holds one value in every training point, and the model was told it is continuous or given a box, so that it
 * cannot make it a one-value lattice).
 *
 * @example
 * ```ts
 * import type { InvalidPointsCode } from 'pointgen';
 * const advice: Partial<Record<InvalidPointsCode, string>> = { 'non-finite': 'drop rows with NaN first' };
 * ```
 */
export type InvalidPointsCode =
  | 'type'
  | 'empty'
  | 'dimension'
  | 'ragged'
  | 'non-finite'
  | 'out-of-range'
  | 'constant';

/**
 * Thrown when a point set cannot be used: the message names the argument and the problem, and
 * {@link InvalidPointsError.row} gives the first offending row where there is one.
 *
 * @example
 * ```ts
 * import { toPoints, InvalidPointsError } from 'pointgen';
 * try {
 *   toPoints([[0, 0, 0, 0, Number.NaN]]);
 * } catch (e) {
 *   if (e instanceof InvalidPointsError) console.log(e.code, e.row); // 'non-finite' 0
 * }
 * ```
 */
export class InvalidPointsError extends TypeError {
  /**
   * What logs and stack traces show before the message; the same in a minified bundle.
   *
   * @example
   * ```ts
   * String(new InvalidPointsError('points', 'empty', 'no rows')); // 'InvalidPointsError: points: no rows'
   * ```
   */
  override readonly name = 'InvalidPointsError';
  /**
   * What is wrong, to branch on (the message is for people).
   *
   * @example
   * ```ts
   * try {
   *   toPoints([]);
   * } catch (e) {
   *   if (e instanceof InvalidPointsError && e.code === 'empty') console.log('nothing to train on');
   * }
   * ```
   */
  readonly code: InvalidPointsCode;
  /**
   * The argument that was rejected, as the message names it (`points`, `options.validation`).
   *
   * @example
   * ```ts
   * try {
   *   await model.fit(points, { validation: [[0, 0]] });
   * } catch (e) {
   *   if (e instanceof InvalidPointsError) console.log(e.argument); // 'options.validation'
   * }
   * ```
   */
  readonly argument: string;
  /**
   * The 0-based index of the first offending row, or `undefined` when the problem is not in one row.
   *
   * @example
   * ```ts
   * try {
   *   toPoints([[0, 0, 0, 0, 0], [0, 0, 0, 0, Number.NaN]]);
   * } catch (e) {
   *   if (e instanceof InvalidPointsError) console.log(e.row); // 1
   * }
   * ```
   */
  readonly row: number | undefined;

  /**
   * Thrown by pointgen's validation; `detail` becomes the message after the argument's name.
   *
   * @example
   * ```ts
   * throw new InvalidPointsError('points', 'dimension', 'expected 5 columns, got 3', 0);
   * ```
   */
  constructor(argument: string, code: InvalidPointsCode, detail: string, row?: number) {
    super(`${argument}: ${detail}`);
    this.argument = argument;
    this.code = code;
    this.row = row;
  }
}

/**
 * Why a configuration or option was rejected. Stable strings, so that callers can branch on them:
 * - `'type'`: the wrong kind of value (a string for a number, a number for an object);
 * - `'range'`: a number outside its range, or not whole where an integer is expected;
 * - `'choice'`: not one of the allowed names;
 * - `'constraint'`: breaks a rule between fields (heads must divide the width, one lattice step per coordinate);
 * - `'unknown-key'`: a key the configuration does not have (usually a typo);
 * - `'missing'`: a required key is absent (in a whole config, such as a model file's).
 *
 * @example
 * ```ts
 * import { ConfigError, type ConfigErrorCode } from 'pointgen';
 * const typos: ConfigErrorCode[] = ['unknown-key', 'choice'];
 * const isTypo = (e: unknown) => e instanceof ConfigError && typos.includes(e.code);
 * ```
 */
export type ConfigErrorCode = 'type' | 'range' | 'choice' | 'constraint' | 'unknown-key' | 'missing';

/**
 * Thrown for a bad model configuration or `fit` option: {@link ConfigError.path} names the field
 * (`options.training.epochs`), {@link ConfigError.code} says what is wrong, and the message says both. A
 * `RangeError`, so that `catch (e) { if (e instanceof RangeError) … }` keeps working.
 *
 * @example
 * ```ts
 * import { ConfigError, RealNVPGenerator } from 'pointgen';
 * try {
 *   new RealNVPGenerator({ training: { epochs: 0 } });
 * } catch (e) {
 *   if (e instanceof ConfigError) console.log(e.path, e.code); // 'options.training.epochs' 'range'
 * }
 * ```
 */
export class ConfigError extends RangeError {
  /**
   * What logs and stack traces show before the message; the same in a minified bundle.
   *
   * @example
   * ```ts
   * String(new ConfigError('options.seed', 'type', 'expected a number'));
   * // 'ConfigError: options.seed: expected a number'
   * ```
   */
  override readonly name = 'ConfigError';
  /**
   * Where the bad value sits, from the argument's name: `options.training.epochs`.
   *
   * @example
   * ```ts
   * try {
   *   await model.fit(points, { batchSize: -1 });
   * } catch (e) {
   *   if (e instanceof ConfigError) console.log(e.path); // 'options.batchSize'
   * }
   * ```
   */
  readonly path: string;
  /**
   * What is wrong with the value, to branch on (the message is for people).
   *
   * @example
   * ```ts
   * try {
   *   new RealNVPGenerator({ trainig: {} } as never);
   * } catch (e) {
   *   if (e instanceof ConfigError && e.code === 'unknown-key') console.log('a typo?', e.path);
   * }
   * ```
   */
  readonly code: ConfigErrorCode;

  /**
   * Thrown by pointgen's validation; `detail` becomes the message after the path.
   *
   * @example
   * ```ts
   * throw new ConfigError('options.temperature', 'range', 'expected a number > 0, got 0');
   * ```
   */
  constructor(path: string, code: ConfigErrorCode, detail: string) {
    super(`${path}: ${detail}`);
    this.path = path;
    this.code = code;
  }
}

/**
 * Thrown when a file or buffer is not in the format it claims (a bad `.npy` header, a CSV without the
 * expected columns, truncated data). The message says what was expected and what was found.
 *
 * @example
 * ```ts
 * import { parseNpy, FormatError } from 'pointgen';
 * try {
 *   parseNpy(new Uint8Array([1, 2, 3]));
 * } catch (e) {
 *   if (e instanceof FormatError) console.log(e.message);
 * }
 * ```
 */
export class FormatError extends Error {
  /**
   * What logs and stack traces show before the message; the same in a minified bundle.
   *
   * @example
   * ```ts
   * String(new FormatError('not an .npy file')); // 'FormatError: not an .npy file'
   * ```
   */
  override readonly name = 'FormatError';
}

/**
 * Thrown when a model computes NaN or Infinity where a number is needed: a sample, a log density inside the
 * support, a weight being saved. The model has diverged (most often trained with too large a learning rate);
 * pointgen never hands such values back silently.
 *
 * @example
 * ```ts
 * import { NonFiniteError } from 'pointgen';
 * try {
 *   await model.sample(100);
 * } catch (e) {
 *   if (e instanceof NonFiniteError) console.log('retrain with a smaller learning rate:', e.message);
 * }
 * ```
 */
export class NonFiniteError extends Error {
  /**
   * What logs and stack traces show before the message; the same in a minified bundle.
   *
   * @example
   * ```ts
   * String(new NonFiniteError('sample: NaN at row 3')); // 'NonFiniteError: sample: NaN at row 3'
   * ```
   */
  override readonly name = 'NonFiniteError';
}

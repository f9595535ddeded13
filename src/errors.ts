/**
 * Why a point set was rejected. Stable strings, so that callers can branch on them.
 */
export type InvalidPointsCode = 'type' | 'empty' | 'dimension' | 'ragged' | 'non-finite' | 'out-of-range';

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
  override readonly name = 'InvalidPointsError';
  readonly code: InvalidPointsCode;
  readonly argument: string;
  readonly row: number | undefined;

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
  override readonly name = 'ConfigError';
  /** Where the bad value sits, from the argument's name: `options.training.epochs`. */
  readonly path: string;
  readonly code: ConfigErrorCode;

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
  override readonly name = 'NonFiniteError';
}

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

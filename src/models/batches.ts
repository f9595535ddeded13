/** Points per batch when sampling or scoring: large enough to be fast, small enough for memory. */
const CHUNK = 8192;
const MAX_SAMPLES = 1e8;

/**
 * The `[start, size]` ranges that cut `count` items into batches of {@link CHUNK}.
 *
 * @example
 * ```ts
 * [...chunks(10000)]; // [[0, 8192], [8192, 1808]]
 * ```
 */
export function* chunks(count: number): IterableIterator<[number, number]> {
  for (let start = 0; start < count; start += CHUNK) yield [start, Math.min(CHUNK, count - start)];
}

/**
 * Checks a count of points to draw or estimate: an integer in `[0, 1e8]`.
 *
 * @throws {RangeError} for anything else.
 *
 * @example
 * ```ts
 * checkCount(1000); // fine
 * ```
 */
export function checkCount(count: number): void {
  if (!(Number.isInteger(count) && count >= 0 && count <= MAX_SAMPLES)) {
    throw new RangeError(`count: expected an integer in [0, ${MAX_SAMPLES}], got ${count}`);
  }
}

/**
 * The shortest decimal text that reads back (through float64, then one rounding to float32) as exactly the
 * float32 value `v`: `0.1` rather than `0.10000000149011612`. Keeps the sign of `-0`.
 */
export function float32Text(v: number): string {
  if (Object.is(v, -0)) return '-0';
  for (let digits = 1; digits <= 9; digits++) {
    const text = String(Number(v.toPrecision(digits)));
    if (Math.fround(Number(text)) === v) return text;
  }
  // Unreachable for float32 values (9 significant digits always suffice); exact for anything else.
  return String(v);
}

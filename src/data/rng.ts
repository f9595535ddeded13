/**
 * A small, fast, seedable pseudo-random generator (sfc32 seeded through splitmix32). Every random choice in
 * pointgen goes through one of these, so that the same seed gives the same result on every backend.
 *
 * @example
 * ```ts
 * import { Rng } from 'pointgen';
 * const rng = new Rng(42);
 * rng.uniform(); // in [0, 1)
 * rng.int(10); // 0..9
 * rng.normal(); // standard normal
 * ```
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /**
   * @param seed Any finite number (its 32-bit integer part is used) or a string. Without a seed, a random
   * one is drawn from `crypto.getRandomValues` (or `Math.random` where that is missing).
   *
   * @example
   * ```ts
   * const seeded = new Rng(42); // the same draws on every run
   * const named = new Rng('experiment-a'); // a string seeds too
   * const fresh = new Rng(); // a random seed
   * ```
   */
  constructor(seed?: number | string) {
    let s = seedToUint32(seed);
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // Discard the first outputs: sfc32 mixes poorly for the first few steps from related seeds.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /**
   * A uniformly distributed unsigned 32-bit integer.
   *
   * @example
   * ```ts
   * new Rng(1).uint32(); // an integer in [0, 2^32)
   * ```
   */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /**
   * A uniform float in [0, 1) with 53 random bits.
   *
   * @example
   * ```ts
   * const jitter = 0.01 * (new Rng(1).uniform() - 0.5);
   * ```
   */
  uniform(): number {
    const hi = this.uint32() >>> 5;
    const lo = this.uint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, n), without modulo bias.
   *
   * @example
   * ```ts
   * const die = new Rng(1).int(6) + 1; // 1..6
   * ```
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) {
      throw new RangeError(`n: expected an integer in [1, 2^32], got ${n}`);
    }
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  /**
   * A standard normal draw (Box-Muller, caching the second value).
   *
   * @example
   * ```ts
   * const noisy = 0.5 + 0.1 * new Rng(1).normal();
   * ```
   */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Fills `out` with uniform floats in [0, 1) and returns it.
   *
   * @example
   * ```ts
   * const u = new Rng(1).fillUniform(new Float32Array(100));
   * ```
   */
  fillUniform<T extends Float32Array | Float64Array>(out: T): T {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }

  /**
   * Fills `out` with standard normal draws and returns it.
   *
   * @example
   * ```ts
   * const noise = new Rng(1).fillNormal(new Float64Array(5 * 100));
   * ```
   */
  fillNormal<T extends Float32Array | Float64Array>(out: T): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /**
   * A uniformly random permutation of `0..n-1` (Fisher-Yates).
   *
   * @example
   * ```ts
   * const shuffled = new Rng(1).permutation(points.count); // row order for one epoch
   * ```
   */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    return p;
  }

  /**
   * A 32-bit seed drawn from this generator, for a child generator or a backend's own seeded op.
   *
   * @example
   * ```ts
   * const r = new Rng(1);
   * const drawn = await model.sample(100, { seed: r.seed() });
   * ```
   */
  seed(): number {
    return this.uint32();
  }

  /**
   * An independent generator derived from this one; advancing either leaves the other unchanged.
   *
   * @example
   * ```ts
   * const parent = new Rng(1);
   * const forBatches = parent.fork();
   * const forDropout = parent.fork(); // independent of how many draws forBatches makes
   * ```
   */
  fork(): Rng {
    return new Rng(this.uint32());
  }
}

function seedToUint32(seed: number | string | undefined): number {
  if (seed === undefined) {
    const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
    if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0] as number;
    return Math.floor(Math.random() * 2 ** 32) >>> 0;
  }
  if (typeof seed === 'string') {
    let h = 2166136261;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
    return h >>> 0;
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed: expected a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

/**
 * A seed or an existing generator: functions that take randomness accept either.
 *
 * @example
 * ```ts
 * const seeds: RngLike[] = [42, 'run-1', new Rng(42), undefined];
 * ```
 */
export type RngLike = number | string | Rng | undefined;

/**
 * Returns `rng` itself when it is already an {@link Rng}, otherwise a new one seeded with it.
 *
 * @example
 * ```ts
 * import { toRng } from 'pointgen';
 * const rng = toRng(7); // same as new Rng(7)
 * ```
 */
export function toRng(rng: RngLike): Rng {
  return rng instanceof Rng ? rng : new Rng(rng);
}

import { InvalidPointsError } from '../errors.js';
import { type Points, UNIT_RANGE_HINT } from './points.js';

/**
 * How a model maps the user's coordinates onto the unit box it works in:
 * - `'auto'` (the default): fitted on the training points by {@link Scaler.fit},
 * - `'none'`: the data must already lie in [0, 1],
 * - `{ min, max }`: a given box, one bound per coordinate (or one number for all).
 *
 * @example
 * ```ts
 * import type { ScaleOption } from 'pointgen';
 * const pixels: ScaleOption = { min: 0, max: [640, 480, 1, 1, 1] };
 * ```
 */
export type ScaleOption = 'auto' | 'none' | ScaleBox;

/**
 * A box: coordinate `j` runs from `min[j]` to `max[j]` (a number stands for the same bound on every one).
 *
 * @example
 * ```ts
 * import type { ScaleBox } from 'pointgen';
 * const box: ScaleBox = { min: [0, 0, 0, 0, 0], max: [427, 427, 1, 1, 1] };
 * ```
 */
export interface ScaleBox {
  readonly min: number | readonly number[];
  readonly max: number | readonly number[];
}

/**
 * Options of {@link Scaler.fit}.
 *
 * @example
 * ```ts
 * import { Scaler } from 'pointgen';
 * const tight = Scaler.fit(points, { margin: 0 }); // the box is exactly the data's range
 * ```
 */
export interface FitScalerOptions {
  /** Room added on each side of a rescaled coordinate, as a share of its range (default {@link SCALE_MARGIN}). */
  readonly margin?: number;
}

/**
 * The room {@link Scaler.fit} leaves on each side of a rescaled coordinate, as a share of its range, so that
 * new points a little beyond the training range still get a finite density. Measured on validation splits
 * (`bench/scale-margin.ts`, docs/recipes.md "Scale margin"): the smallest margin of 0, 0.01, 0.02, 0.05, 0.1
 * and 0.2 that kept every validation point inside the box on all three data sets tried; no wider one did
 * clearly better on all three.
 *
 * @example
 * ```ts
 * import { Scaler, toPoints } from 'pointgen';
 * Scaler.fit(toPoints([[0], [100]])).max; // [105]: 100 + SCALE_MARGIN · 100
 * ```
 */
export const SCALE_MARGIN = 0.05;

/**
 * A per-coordinate affine map of the user's coordinates onto the unit box, `u = (v − min) / (max − min)`, and
 * back. A model works on `u`; {@link Scaler.logJacobian} turns its log density into one in the user's units.
 *
 * @example
 * ```ts
 * import { Scaler, toPoints } from 'pointgen';
 * const pixels = toPoints([[12, 400, 1, 0, 0], [300, 20, 0, 1, 0.5]]);
 * const scaler = Scaler.fit(pixels);
 * const unit = scaler.transform(pixels); // every value in [0, 1]
 * scaler.inverse(unit); // the pixels again (up to float32 rounding)
 * Scaler.fromJSON(scaler.toJSON()); // the same map
 * ```
 */
export class Scaler {
  /**
   * The lower corner of the box, one bound per coordinate.
   *
   * @example
   * ```ts
   * Scaler.fit(toPoints([[0, 0.5], [100, 1]])).min; // [-5, 0]
   * ```
   */
  readonly min: readonly number[];
  /**
   * The upper corner of the box, one bound per coordinate.
   *
   * @example
   * ```ts
   * Scaler.fit(toPoints([[0, 0.5], [100, 1]])).max; // [105, 1]
   * ```
   */
  readonly max: readonly number[];
  private readonly width: readonly number[];

  /**
   * @throws {RangeError} for bounds that are not finite, of different lengths, or with `max ≤ min`.
   *
   * @example
   * ```ts
   * const screen = new Scaler([0, 0, 0, 0, 0], [640, 480, 1, 1, 1]);
   * ```
   */
  constructor(min: readonly number[], max: readonly number[]) {
    if (!Array.isArray(min) || !Array.isArray(max) || min.length !== max.length || min.length === 0) {
      throw new RangeError('scale: expected min and max arrays of one bound per coordinate');
    }
    for (const [j, lo] of min.entries()) {
      const hi = max[j] as number;
      if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
        throw new RangeError(`scale: coordinate ${j} needs finite bounds with min < max, got [${lo}, ${hi}]`);
      }
    }
    this.min = Object.freeze([...min]);
    this.max = Object.freeze([...max]);
    this.width = this.min.map((lo, j) => (this.max[j] as number) - lo);
  }

  /**
   * The identity on `dim` coordinates: the unit box.
   *
   * @example
   * ```ts
   * Scaler.unit(5).isIdentity; // true
   * ```
   */
  static unit(dim: number): Scaler {
    return new Scaler(new Array(dim).fill(0), new Array(dim).fill(1));
  }

  /**
   * The box of a {@link ScaleBox}, `dim` coordinates wide.
   *
   * @throws {RangeError} for a bound array of the wrong length or a bad bound.
   *
   * @example
   * ```ts
   * Scaler.fromBox({ min: 0, max: [640, 480, 1, 1, 1] }, 5).max; // [640, 480, 1, 1, 1]
   * ```
   */
  static fromBox(box: ScaleBox, dim: number): Scaler {
    const bounds = (b: unknown, name: string): number[] => {
      if (typeof b === 'number') return new Array(dim).fill(b);
      if (!Array.isArray(b) || b.length !== dim) {
        throw new RangeError(`scale.${name}: expected a number or ${dim} numbers, got ${JSON.stringify(b)}`);
      }
      return [...b];
    };
    if (typeof box !== 'object' || box === null) {
      throw new TypeError(`scale: expected 'auto', 'none' or { min, max }, got ${String(box)}`);
    }
    return new Scaler(bounds(box.min, 'min'), bounds(box.max, 'max'));
  }

  /**
   * Fits the box to the training points, coordinate by coordinate: a coordinate whose values all lie in
   * [0, 1] keeps the unit box (so data already in [0, 1], such as the pi-quiz points, is not moved at all);
   * any other runs from its minimum to its maximum, widened by `margin` of that range on each side (a
   * constant coordinate gets a box of width 1 around its value).
   *
   * @example
   * ```ts
   * import { Scaler, toPoints } from 'pointgen';
   * Scaler.fit(toPoints([[0, 0.5], [100, 1]])).min; // [-5, 0]
   * ```
   */
  static fit(points: Points, options: FitScalerOptions = {}): Scaler {
    const margin = options.margin ?? SCALE_MARGIN;
    if (!(Number.isFinite(margin) && margin >= 0)) {
      throw new RangeError(`options.margin: expected a finite number ≥ 0, got ${margin}`);
    }
    const { data, count, dim } = points;
    const lo = new Array<number>(dim).fill(Number.POSITIVE_INFINITY);
    const hi = new Array<number>(dim).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < dim; j++) {
        const v = data[i * dim + j] as number;
        if (v < (lo[j] as number)) lo[j] = v;
        if (v > (hi[j] as number)) hi[j] = v;
      }
    }
    const min = new Array<number>(dim);
    const max = new Array<number>(dim);
    for (let j = 0; j < dim; j++) {
      const a = lo[j] as number;
      const b = hi[j] as number;
      if (!(a <= b)) throw new RangeError('points: cannot fit a scale to an empty set');
      if (a >= 0 && b <= 1) [min[j], max[j]] = [0, 1];
      else if (a === b) [min[j], max[j]] = [a - 0.5, a + 0.5];
      else [min[j], max[j]] = [a - margin * (b - a), b + margin * (b - a)];
    }
    return new Scaler(min, max);
  }

  /**
   * The saved form, `{ min, max }`; {@link Scaler.fromJSON} reads it back.
   *
   * @example
   * ```ts
   * import { Scaler } from 'pointgen';
   * JSON.stringify(Scaler.unit(2)); // '{"min":[0,0],"max":[1,1]}'
   * ```
   */
  toJSON(): { min: number[]; max: number[] } {
    return { min: [...this.min], max: [...this.max] };
  }

  /**
   * A scaler from its saved form.
   *
   * @throws {RangeError} for a malformed box.
   *
   * @example
   * ```ts
   * const saved = Scaler.fromJSON(JSON.parse('{"min":[0,0],"max":[640,480]}'));
   * ```
   */
  static fromJSON(json: unknown): Scaler {
    const box = json as { min?: unknown; max?: unknown } | null;
    if (typeof box !== 'object' || box === null || !Array.isArray(box.min) || !Array.isArray(box.max)) {
      throw new RangeError(`scale: expected { min: number[], max: number[] }, got ${JSON.stringify(json)}`);
    }
    return new Scaler(box.min as number[], box.max as number[]);
  }

  /**
   * Coordinates per point.
   *
   * @example
   * ```ts
   * Scaler.unit(5).dim; // 5
   * ```
   */
  get dim(): number {
    return this.min.length;
  }

  /**
   * True when the map is the identity (the unit box).
   *
   * @example
   * ```ts
   * import { datasets, Scaler } from 'pointgen';
   * Scaler.fit(datasets.coloredPi()).isIdentity; // true: the quiz points already lie in [0, 1]
   * ```
   */
  get isIdentity(): boolean {
    return this.min.every((v, j) => v === 0 && this.max[j] === 1);
  }

  /**
   * Points in the unit box, `(v − min) / (max − min)`; the identity returns its input itself.
   *
   * @example
   * ```ts
   * new Scaler([0, 0], [640, 480]).transform(toPoints([[320, 240]])).data; // [0.5, 0.5]
   * ```
   */
  transform(points: Points): Points {
    this.checkDim(points);
    if (this.isIdentity) return points;
    return this.map(points, (v, j) => (v - (this.min[j] as number)) / (this.width[j] as number));
  }

  /**
   * Points back in the user's units, `min + u · (max − min)`; the identity returns its input itself.
   *
   * @example
   * ```ts
   * new Scaler([0, 0], [640, 480]).inverse(toPoints([[0.5, 0.5]])).data; // [320, 240]
   * ```
   */
  inverse(points: Points): Points {
    this.checkDim(points);
    if (this.isIdentity) return points;
    return this.map(points, (u, j) => (this.min[j] as number) + u * (this.width[j] as number));
  }

  /**
   * Lattice steps in the unit box: each step divided by its coordinate's width (`null` stays `null`).
   *
   * @example
   * ```ts
   * new Scaler([0, 0], [640, 480]).scaleSteps([1, null]); // [1/640, null]
   * ```
   */
  scaleSteps(steps: readonly (number | null)[]): (number | null)[] {
    return steps.map((s, j) => (s === null ? null : s / (this.width[j] as number)));
  }

  /**
   * `log |det ∂u/∂v| = −Σ log(max_j − min_j)`: added to a log density over `u`, it gives the density over the
   * user's units `v` (0 for the identity).
   *
   * @example
   * ```ts
   * new Scaler([0, 0], [640, 480]).logJacobian; // −log(640 · 480) ≈ −12.64
   * ```
   */
  get logJacobian(): number {
    return this.logJacobianOf();
  }

  /**
   * {@link Scaler.logJacobian} over the coordinates `columns` only (default all): for conditional densities.
   *
   * @example
   * ```ts
   * new Scaler([0, 0], [640, 480]).logJacobianOf([0]); // −log 640 ≈ −6.46, for a density of x given y
   * ```
   */
  logJacobianOf(columns?: readonly number[]): number {
    return (columns ?? this.width.map((_, j) => j)).reduce(
      (sum, j) => sum - Math.log(this.width[j] as number),
      0,
    );
  }

  /**
   * Checks that every point lies in the box (training data must).
   *
   * @throws {InvalidPointsError} (`'out-of-range'`) naming the first point outside, the box and, for the
   * unit box, the options that fit other ranges.
   *
   * @example
   * ```ts
   * const screen = new Scaler([0, 0], [640, 480]);
   * screen.assertInside(toPoints([[320, 240]])); // inside: returns
   * screen.assertInside(toPoints([[700, 240]])); // throws InvalidPointsError, code 'out-of-range', row 0
   * ```
   */
  assertInside(points: Points, argument = 'points'): void {
    this.checkDim(points);
    const { data, dim } = points;
    for (let k = 0; k < data.length; k++) {
      const j = k % dim;
      const v = data[k] as number;
      if (v < (this.min[j] as number) || v > (this.max[j] as number)) {
        const row = Math.floor(k / dim);
        const box = `[${this.min[j]}, ${this.max[j]}]`;
        const hint = this.isIdentity ? UNIT_RANGE_HINT : '';
        throw new InvalidPointsError(
          argument,
          'out-of-range',
          `row ${row} holds ${v} in column ${j}, outside ${box}${hint}`,
          row,
        );
      }
    }
  }

  private checkDim(points: Points): void {
    if (points.dim !== this.dim) {
      throw new RangeError(`scale: expected ${this.dim} coordinates per point, got ${points.dim}`);
    }
  }

  private map(points: Points, f: (v: number, j: number) => number): Points {
    const { data, count, dim } = points;
    const out = new Float32Array(data.length);
    for (let k = 0; k < data.length; k++) out[k] = f(data[k] as number, k % dim);
    return { data: out, count, dim };
  }
}

/**
 * The scaler a {@link ScaleOption} stands for on training points `points`: fitted for `'auto'`, the unit box
 * for `'none'`, the given box otherwise.
 *
 * @throws {TypeError} for anything else; `RangeError` for a bad box.
 *
 * @example
 * ```ts
 * import { resolveScaler, toPoints } from 'pointgen';
 * resolveScaler({ min: 0, max: 640 }, toPoints([[320, 240]])).max; // [640, 640]
 * ```
 */
export function resolveScaler(option: ScaleOption, points: Points): Scaler {
  if (option === 'auto') return Scaler.fit(points);
  if (option === 'none') return Scaler.unit(points.dim);
  return Scaler.fromBox(option, points.dim);
}

import { Builder, fail } from '../config/fields.js';
import { float32Text } from '../data/float-text.js';
import { detectLattice, isOnLattice, type LatticeSteps, snapToLattice } from '../data/lattice.js';
import { POINT_COLUMNS, type Points } from '../data/points.js';
import { resolveScaler, type ScaleBox, type ScaleOption, Scaler } from '../data/scaler.js';
import { InvalidPointsError } from '../errors.js';
import type { GivenCoordinates } from './conditional.js';
import { coordinateIndex } from './given.js';

/**
 * A model's `latticeSteps` option: `'auto'` (found in the training data by `detectLattice`), steps in the
 * data's units (`null` entries for continuous coordinates), or `null` for continuous data.
 *
 * @example
 * ```ts
 * import type { LatticeOption } from 'pointgen';
 * const pixels: LatticeOption = [1, 1, 1 / 255, 1 / 255, 1 / 255];
 * ```
 */
export type LatticeOption = 'auto' | LatticeSteps | null;

/**
 * The data-dependent fields of a model's configuration, as given or as resolved by the first `fit`.
 *
 * @example
 * ```ts
 * import { type DataSpaceFields, RealNVPGenerator } from 'pointgen';
 * const realnvp = new RealNVPGenerator(); // latticeSteps and scale 'auto'
 * await realnvp.fit(points);
 * const { latticeSteps, scale }: DataSpaceFields = realnvp.getConfig(); // as the fit found them
 * ```
 */
export interface DataSpaceFields {
  readonly latticeSteps: LatticeOption;
  readonly scale: ScaleOption;
}

// A step wider than half the unit box is no lattice a density can use, and one finer than 1e-5 of it (over
// 100 000 cells, such as whole numbers spanning millions) is one no model needs: found ones count as continuous.
const MAX_UNIT_STEP = 0.5;
const MIN_UNIT_STEP = 1e-5;

/**
 * Where a model's unit box meets the user's data: the {@link Scaler} and the lattice (in the user's units).
 * Until the first `fit` resolves `'auto'` fields they are provisional: the unit box, no lattice.
 *
 * A coordinate that holds one value `c` in every training point has no continuous density (all its mass sits
 * on one point). With `latticeSteps: 'auto'` and `scale: 'auto'` it becomes a one-value lattice: the step
 * `w = max(|c|, 1)` (its magnitude, at least 1) and the box `[c − w, c]`, so that training dequantizes it over
 * the cell `[c, c + w)` (the unit box's `[1, 2)`), `sample` returns `c` itself and `logProb` counts it with the
 * density `1 / w` of that cell. A step at least as wide as its box marks such a coordinate in a saved
 * configuration, since no lattice that a density can use is that coarse.
 */
export class DataSpace {
  /** The value of each constant coordinate (the box's upper end), `null` for the others; `null` without any. */
  readonly constants: readonly (number | null)[] | null;

  private constructor(
    readonly scaler: Scaler,
    /** Steps in the user's units, `null` entries for continuous coordinates; `null`: no lattice at all. */
    readonly steps: LatticeSteps | null,
    /** Whether no field is still `'auto'`. */
    readonly resolved: boolean,
  ) {
    const { min, max } = scaler;
    const values = steps?.map((s, j) => {
      const width = (max[j] as number) - (min[j] as number);
      return s !== null && s >= width * (1 - 1e-9) ? (max[j] as number) : null;
    });
    this.constants = values?.some((c) => c !== null) ? values : null;
  }

  /**
   * The space a configuration describes (provisional where it says `'auto'`).
   *
   * @throws {RangeError} for a bad step or box.
   */
  static fromFields(fields: DataSpaceFields, dim: number, argument = 'config'): DataSpace {
    const { latticeSteps, scale } = fields;
    const scaler = scale === 'auto' || scale === 'none' ? Scaler.unit(dim) : Scaler.fromBox(scale, dim);
    if (latticeSteps === 'auto') return new DataSpace(scaler, null, false);
    return new DataSpace(scaler, checkSteps(latticeSteps, dim, argument), scale !== 'auto');
  }

  /**
   * The space resolved on training points in the user's units: `scale: 'auto'` fits a box
   * ({@link Scaler.fit}), `latticeSteps: 'auto'` detects each coordinate's lattice ({@link detectLattice});
   * a detected step wider than half the coordinate's box, or finer than 1e-5 of it, counts as continuous.
   */
  static resolve(fields: DataSpaceFields, points: Points, argument = 'config'): DataSpace {
    const resolved = DataSpace.resolveVarying(fields, points, argument);
    const constant = constantValues(points);
    // A constant coordinate given a step of its own is an ordinary lattice coordinate.
    const cells = constant.flatMap((c, j) =>
      c === null || (fields.latticeSteps !== 'auto' && fields.latticeSteps?.[j]) ? [] : [j],
    );
    const first = cells[0];
    if (first === undefined) return resolved;
    const c = constant[first] as number;
    const name = `column ${first} (${POINT_COLUMNS[first] ?? first})`;
    if (fields.latticeSteps !== 'auto' || fields.scale !== 'auto') {
      const why =
        fields.latticeSteps !== 'auto'
          ? 'its density is a point mass, not a continuous one: give it a lattice step, or latticeSteps: ' +
            "'auto', which makes it a one-value lattice"
          : "a one-value lattice needs a box of its own, which scale: 'auto' gives it and a given box cannot";
      throw new InvalidPointsError(
        'data',
        'constant',
        `${name} holds ${float32Text(c)} in every point: ${why}`,
      );
    }
    const min = [...resolved.scaler.min];
    const max = [...resolved.scaler.max];
    const steps = resolved.steps ? [...resolved.steps] : new Array<number | null>(points.dim).fill(null);
    for (const j of cells) {
      const value = constant[j] as number;
      const width = Math.max(Math.abs(value), 1);
      [min[j], max[j], steps[j]] = [value - width, value, width];
    }
    return new DataSpace(new Scaler(min, max), Object.freeze(steps), true);
  }

  /** {@link DataSpace.resolve} for coordinates that take more than one value. */
  private static resolveVarying(fields: DataSpaceFields, points: Points, argument: string): DataSpace {
    const scaler = resolveScaler(fields.scale, points);
    const raw =
      fields.latticeSteps === 'auto'
        ? detectLattice(points)
        : checkSteps(fields.latticeSteps, points.dim, argument);
    const unit = raw && scaler.scaleSteps(raw);
    const wide = unit?.findIndex((s) => s !== null && s > MAX_UNIT_STEP) ?? -1;
    if (wide >= 0 && fields.latticeSteps !== 'auto') {
      throw new RangeError(
        `${argument}.latticeSteps[${wide}]: the step ${raw?.[wide]} is wider than half the coordinate's box ` +
          `[${scaler.min[wide]}, ${scaler.max[wide]}]`,
      );
    }
    const usable = (j: number) => {
      const u = unit?.[j] as number;
      return u <= MAX_UNIT_STEP && (u >= MIN_UNIT_STEP || fields.latticeSteps !== 'auto');
    };
    const steps = raw?.map((s, j) => (s !== null && usable(j) ? s : null));
    return new DataSpace(scaler, steps?.some((s) => s !== null) ? steps : null, true);
  }

  /** The fields as saved and as `getConfig()` shows them. */
  fields(): { latticeSteps: LatticeSteps | null; scale: { min: number[]; max: number[] } } {
    return { latticeSteps: this.steps && [...this.steps], scale: this.scaler.toJSON() };
  }

  /** The steps inside the unit box, 0 for a continuous coordinate, or `null` without a lattice. */
  get unitSteps(): number[] | null {
    return this.steps && this.scaler.scaleSteps(this.steps).map((s) => s ?? 0);
  }

  /**
   * Upper end of the support in the unit box per coordinate (the lower end is 0): a model trained on a lattice
   * with unit steps `q` is a density on `[0, 1 + q_j]` (the dequantized data), one without on `[0, 1]`.
   */
  supportUpper(): number[] {
    const steps = this.unitSteps;
    return Array.from({ length: this.scaler.dim }, (_, j) => 1 + (steps?.[j] ?? 0));
  }

  /**
   * Whether training points (user's units) all lie on the lattice, constant coordinates on their one value:
   * `fit` dequantizes them by default then.
   */
  isOnLattice(points: Points): boolean {
    if (this.steps === null) return false;
    const { constants } = this;
    if (!constants) return isOnLattice(points, this.steps);
    const { data, dim } = points;
    for (let k = 0; k < data.length; k++) {
      const c = constants[k % dim];
      if (c !== null && c !== undefined && data[k] !== Math.fround(c)) return false;
    }
    const others = this.steps.map((s, j) => (constants[j] === null ? s : null));
    return others.every((s) => s === null) || isOnLattice(points, others);
  }

  /** Points in the unit box. */
  toUnit(points: Points): Points {
    return this.scaler.transform(points);
  }

  /** Continuous draws in the unit box back in the user's units, snapped onto the lattice unless `continuous`. */
  fromUnit(points: Points, continuous: boolean): Points {
    const user = this.scaler.inverse(points);
    if (continuous || this.steps === null) return user;
    const snapped = snapToLattice(user, this.steps, this.scaler);
    // A constant coordinate has one value, whichever cell of the unit box a draw fell in.
    const { data, dim } = snapped;
    for (const [j, c] of this.constants?.entries() ?? []) {
      if (c !== null) for (let k = j; k < data.length; k += dim) data[k] = c;
    }
    return snapped;
  }

  /** Given coordinates in the user's units mapped into the unit box (anything malformed is left for the checks). */
  unitGiven(given: GivenCoordinates): GivenCoordinates {
    if (typeof given !== 'object' || given === null || Array.isArray(given)) return given;
    const { min, max, dim } = this.scaler;
    return Object.fromEntries(
      Object.entries(given).map(([key, values]) => {
        const j = coordinateIndex(key, dim, 'options.given');
        const [lo, width] = [min[j] as number, (max[j] as number) - (min[j] as number)];
        if (typeof values === 'number')
          return [key, lo === 0 && width === 1 ? values : (values - lo) / width];
        if (!isArrayLike(values)) return [key, values];
        return [
          key,
          lo === 0 && width === 1
            ? Float32Array.from(values)
            : Float32Array.from(values, (v) => (v - lo) / width),
        ];
      }),
    );
  }

  /** Values of coordinate `j` in the unit box back in the user's units, snapped unless `continuous`. */
  userValues(j: number, values: Float32Array, continuous: boolean): Float32Array {
    const dim = this.scaler.dim;
    const column = new Float32Array(dim * values.length);
    for (let i = 0; i < values.length; i++) column[i * dim + j] = values[i] as number;
    const user = this.fromUnit({ data: column, count: values.length, dim }, continuous);
    return Float32Array.from({ length: values.length }, (_, i) => user.data[i * dim + j] as number);
  }

  /** Added to a log density in the unit box, gives the density in the user's units. */
  get logJacobian(): number {
    return this.scaler.logJacobian;
  }
}

/**
 * The value of each coordinate that holds one value in every point (`null` for the others).
 *
 * @example
 * ```ts
 * constantValues({ data: new Float32Array([0.1, 0.5, 0.7, 0.5]), count: 2, dim: 2 }); // [null, 0.5]
 * ```
 */
export function constantValues(points: Points): (number | null)[] {
  const { data, count, dim } = points;
  return Array.from({ length: dim }, (_, j) => {
    const first = data[j] as number;
    for (let i = 1; i < count; i++) if (data[i * dim + j] !== first) return null;
    return count > 0 ? first : null;
  });
}

function isArrayLike(v: unknown): v is ArrayLike<number> {
  return typeof v === 'object' && v !== null && typeof (v as ArrayLike<number>).length === 'number';
}

function checkSteps(steps: LatticeSteps | null, dim: number, argument: string): LatticeSteps | null {
  if (steps === null) return null;
  const ok =
    Array.isArray(steps) &&
    steps.length === dim &&
    steps.every((s) => s === null || (typeof s === 'number' && Number.isFinite(s) && s > 0));
  if (!ok) {
    throw new RangeError(
      `${argument}.latticeSteps: expected 'auto', null, or ${dim} steps (each a positive number, or null ` +
        `for a continuous coordinate), got ${JSON.stringify(steps)}`,
    );
  }
  return Object.freeze([...steps]);
}

/**
 * The `latticeSteps` field of a model's config table: `'auto'`, `null`, or one step per coordinate in the
 * data's units (`null` entries for continuous coordinates).
 *
 * @example
 * ```ts
 * const latticeSteps = latticeStepsField();
 * ```
 */
export function latticeStepsField(): Builder<LatticeOption> {
  const words =
    "'auto', null, or one step per coordinate (each a positive number, or null for a continuous one)";
  return new Builder<LatticeOption>(
    words,
    (v, path, config) => {
      if (v === 'auto') return 'auto';
      const dim = config.dim as number;
      const expected = `'auto', null, or ${dim} steps (each a positive number, or null for a continuous coordinate)`;
      if (v === null) return null;
      if (!Array.isArray(v)) return fail(path, 'type', expected, v);
      if (v.length !== dim) return fail(path, 'constraint', expected, v);
      const ok = v.every((s) => s === null || (typeof s === 'number' && Number.isFinite(s) && s > 0));
      return ok ? Object.freeze([...v]) : fail(path, 'range', expected, v);
    },
    false,
    // Steps given for the preset's dim do not fit another: 'auto' fits any.
  ).follow(['dim'], () => 'auto');
}

/**
 * The `scale` field of a model's config table: `'auto'`, `'none'` or a box `{ min, max }` (stored as one
 * bound per coordinate).
 *
 * @example
 * ```ts
 * const scale = scaleField();
 * ```
 */
export function scaleField(): Builder<ScaleOption> {
  const words = "'auto', 'none' or a box { min, max } (a number or one bound per coordinate each)";
  return new Builder<ScaleOption>(
    words,
    (v, path, config) => {
      if (v === 'auto' || v === 'none') return v;
      if (typeof v !== 'object' || v === null) return fail(path, 'type', words, v);
      try {
        return Scaler.fromBox(v as ScaleBox, config.dim as number).toJSON();
      } catch (e) {
        return fail(path, 'range', `a box { min, max } with min < max (${(e as Error).message})`, v);
      }
    },
    false,
  );
}

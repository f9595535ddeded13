import { Builder, fail } from '../config/fields.js';
import { detectLattice, isOnLattice, type LatticeSteps, snapToLattice } from '../data/lattice.js';
import type { Points } from '../data/points.js';
import { resolveScaler, type ScaleBox, type ScaleOption, Scaler } from '../data/scaler.js';

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
 */
export class DataSpace {
  private constructor(
    readonly scaler: Scaler,
    /** Steps in the user's units, `null` entries for continuous coordinates; `null`: no lattice at all. */
    readonly steps: LatticeSteps | null,
    /** Whether no field is still `'auto'`. */
    readonly resolved: boolean,
  ) {}

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

  /** Whether training points (user's units) all lie on the lattice: `fit` dequantizes them by default then. */
  isOnLattice(points: Points): boolean {
    return this.steps !== null && isOnLattice(points, this.steps);
  }

  /** Points in the unit box. */
  toUnit(points: Points): Points {
    return this.scaler.transform(points);
  }

  /** Continuous draws in the unit box back in the user's units, snapped onto the lattice unless `continuous`. */
  fromUnit(points: Points, continuous: boolean): Points {
    const user = this.scaler.inverse(points);
    if (continuous || this.steps === null) return user;
    return snapToLattice(user, this.steps, this.scaler);
  }

  /** Added to a log density in the unit box, gives the density in the user's units. */
  get logJacobian(): number {
    return this.scaler.logJacobian;
  }
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

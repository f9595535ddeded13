import type { NamedWeight, WeightSpec } from '../../io/artifacts.js';
import type { Mixture } from './mixture.js';

/**
 * The mixture's parameters as saved: float32 weights, means and Cholesky factors. A fitted mixture is rounded
 * to these and rebuilt from them, so the model in memory and the one loaded from its file are the same
 * numbers, and their densities agree bit for bit.
 */
export interface MixtureValues {
  readonly weights: Float32Array;
  readonly means: Float32Array;
  readonly cholesky: Float32Array;
}

/** The weight names and shapes of a mixture of `components` components in `dim` dimensions. */
export function mixtureWeightSpecs(components: number, dim: number): WeightSpec[] {
  return [
    { name: 'weights', shape: [components] },
    { name: 'means', shape: [components, dim] },
    { name: 'cholesky', shape: [components, dim, dim] },
  ];
}

/** `m` rounded to float32. */
export function toValues(m: Mixture): MixtureValues {
  return {
    weights: Float32Array.from(m.weights),
    means: Float32Array.from(m.means),
    cholesky: Float32Array.from(m.cholesky),
  };
}

/** The float64 mixture of saved values (the weights renormalised to sum to 1). */
export function fromValues(v: MixtureValues, dim: number): Mixture {
  const weights = Float64Array.from(v.weights);
  const total = weights.reduce((a, b) => a + b, 0);
  for (let c = 0; c < weights.length; c++) weights[c] = (weights[c] as number) / total;
  return {
    dim,
    components: weights.length,
    weights,
    means: Float64Array.from(v.means),
    cholesky: Float64Array.from(v.cholesky),
  };
}

/** The values by name as {@link NamedWeight}s. */
export function namedValues(v: MixtureValues, dim: number): NamedWeight[] {
  const k = v.weights.length;
  const [w, m, l] = mixtureWeightSpecs(k, dim) as [WeightSpec, WeightSpec, WeightSpec];
  return [
    { ...w, values: v.weights },
    { ...m, values: v.means },
    { ...l, values: v.cholesky },
  ];
}

/**
 * Checks what finite, well-shaped weights must also be to form a mixture: non-negative weights with a positive
 * sum, Cholesky factors lower triangular with positive diagonals. Returns the first problem, or `null`.
 */
export function valuesProblem(v: MixtureValues, dim: number): string | null {
  if (v.weights.some((w) => w < 0)) return 'a component weight is negative';
  if (!(v.weights.reduce((a, b) => a + b, 0) > 0)) return 'the component weights sum to 0';
  for (let c = 0; c < v.weights.length; c++) {
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        const x = v.cholesky[c * dim * dim + i * dim + j] as number;
        if (i === j && !(x > 0)) return `cholesky of component ${c} has a diagonal entry ${x} (must be > 0)`;
        if (j > i && x !== 0) return `cholesky of component ${c} is not lower triangular`;
      }
    }
  }
  return null;
}

import * as tf from '@tensorflow/tfjs-core';
import type { Points } from '../../src/data/points.js';
import { Rng } from '../../src/data/rng.js';
import type { GeneratorArtifacts } from '../../src/io/artifacts.js';
import { parseModelArtifacts } from '../../src/io/artifacts.js';
import type { Generator } from '../../src/models/generator.js';

/** The artifacts `model.save` writes, captured in memory. */
export async function artifactsOf(model: Generator): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved as tf.io.ModelArtifacts;
}

/** The same model with every weight perturbed by Gaussian noise of `scale` (so couplings are not the identity). */
export async function perturbed(model: Generator, scale: number, seed = 3): Promise<GeneratorArtifacts> {
  const parsed = parseModelArtifacts(await artifactsOf(model), 'test');
  const rng = new Rng(seed);
  return {
    ...parsed,
    weights: parsed.weights.map((w) => ({
      ...w,
      values: w.name.endsWith('/mixing') ? w.values : w.values.map((v) => v + scale * rng.normal()),
    })),
  };
}

/** A masked transformer small enough to train in a test: one layer of width 16, one member. */
export const TINY_TRANSFORMER = {
  embedDim: 16,
  heads: 2,
  layers: 1,
  fourierFeatures: 2,
  mixtureComponents: 3,
  members: 1,
} as const;

/** `count` 2-D points on a ring-shaped blob inside the unit square, seeded. */
export function ringPoints(count: number, seed = 1): Points {
  const rng = new Rng(seed);
  const data = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const angle = 2 * Math.PI * rng.uniform();
    const radius = 0.25 + 0.03 * rng.normal();
    data[2 * i] = 0.5 + radius * Math.cos(angle);
    data[2 * i + 1] = 0.5 + radius * Math.sin(angle);
  }
  return { data, count, dim: 2 };
}

/** `count` 5-D points on the pointgen lattice: two colour blobs, seeded. */
export function latticePoints(count: number, seed = 1): Points {
  const rng = new Rng(seed);
  const data = new Float32Array(count * 5);
  for (let i = 0; i < count; i++) {
    const side = rng.uniform() < 0.5 ? 0 : 1;
    const centre = [0.3 + 0.4 * side, 0.5, 0.2 + 0.6 * side, 0.5, 0.8 - 0.6 * side];
    for (let j = 0; j < 5; j++) {
      const n = j < 2 ? 300 : 255;
      const v = (centre[j] as number) + 0.06 * rng.normal();
      data[i * 5 + j] = Math.min(Math.max(Math.round(v * n), 0), n) / n;
    }
  }
  return { data, count, dim: 5 };
}

// Every `@example` in src type-checks against the sources. Examples take some names as given (a trained `model`,
// a fitted mixture `gmm`, `points`, tensors `x`, `z` …): they are declared below with the types they stand
// for, and each example may use `tf`, pointgen's public values and its own file's exports without importing
// them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as pointgen from '../../src/index.js';
import { docExamples, ROOT, typeCheckSnippets } from '../snippets.js';

const src = (path: string) => join(ROOT, 'src', path);

const GIVEN = `
import type * as tf from '@tensorflow/tfjs-core';
import type { GaussianMixtureGenerator, MaskedTransformerGenerator } from '${src('index.js')}';
import type { NamedWeight, Points, Rng } from '${src('index.js')}';
import type { VegaLiteSpec } from '${src('plot/index.js')}';
import type { Bijector } from '${src('models/realnvp/bijector.js')}';
import type { DenseParams } from '${src('models/realnvp/coupling.js')}';
import type { Mixing } from '${src('models/realnvp/mixing.js')}';
import type { Routing } from '${src('models/realnvp/routing.js')}';
import type { Spline } from '${src('models/realnvp/spline.js')}';
import type { BinValues } from '${src('models/realnvp/spline-core.js')}';
import type { TrainSettings } from '${src('train/engine.js')}';

declare global {
  const model: MaskedTransformerGenerator;
  const gmm: GaussianMixtureGenerator;
  const points: Points;
  const samples: Points;
  const real: Points;
  const generated: Points;
  const train: Points;
  const test: Points;
  const validation: Points;
  const canvas: HTMLCanvasElement;
  const bytes: Uint8Array;
  const spec: VegaLiteSpec;
  const config: unknown;
  const weights: NamedWeight[];
  const x: tf.Tensor2D;
  const y: tf.Tensor2D;
  const z: tf.Tensor2D;
  const v: tf.Tensor2D;
  const batch: tf.Tensor2D;
  const params: tf.Tensor2D;
  const baseLogProb: tf.Tensor1D;
  const chain: Bijector[];
  const spline: Spline;
  const bin: BinValues;
  const mixing: Mixing;
  const layers: DenseParams[];
  const routing: Routing;
  const identity5: Float32Array;
  const variables: tf.Variable[];
  const meanNll: (batch: tf.Tensor2D) => tf.Scalar;
  const settings: TrainSettings;
  const order: Uint32Array;
  const rng: Rng;
  const upper: number[];
}
`;

describe('@example blocks in src', () => {
  it('type-check against the sources', () => {
    const examples = docExamples(join(ROOT, 'src'));
    expect(examples.length).toBeGreaterThan(150);
    const scratch = join(ROOT, '.tmp', `src-examples-${process.pid}`);
    expect(typeCheckSnippets(examples, scratch, GIVEN, Object.keys(pointgen))).toEqual([]);
  }, 180_000);
});

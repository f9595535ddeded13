// The protocol's reference rows as data the tables print beside our runs. The figures themselves are documented,
// with their source, in docs/protocol.md ("Reference figures", "Seed-style figures"); change them there first.
// They were measured once, outside pointgen, on the quiz data: the tables show them only beside runs on that data.
import { createHash } from 'node:crypto';
import type { Points } from '../data/points.js';
import type { ModelName } from './models.js';

/**
 * SHA-256 of the pi-quiz points: every value as a little-endian float32, row by row (x, y, r, g, b), in the
 * files' order. `loadPiQuiz` on the quiz folder and `points-reference.csv` read as float32 both give it.
 */
export const QUIZ_POINTS_SHA256 = '41a430660a716f9a04d6616ffdfd749cafee172dc918a3be210385ee9242e57d';

/**
 * Whether `points` are the quiz data, bit for bit and in the same order, however they were read (the quiz
 * folder or a point file of the same values): the reference rows were measured on exactly those rows and the
 * protocol split of them. Any other set, a subset or a reordering of it included, is not.
 */
export function isQuizData(points: Points): boolean {
  if (points.count !== 5000 || points.dim !== 5) return false;
  const bytes = new DataView(new ArrayBuffer(points.data.length * 4));
  for (const [k, v] of points.data.entries()) bytes.setFloat32(4 * k, v, true);
  return createHash('sha256').update(bytes).digest('hex') === QUIZ_POINTS_SHA256;
}

/** How the tables label a reference row: measured once on the quiz data, outside pointgen. */
export function referenceLabel(model: string, measuredIn: string): string {
  return `reference, quiz data, measured in ${measuredIn}: ${model}`;
}

/** The test NLL of the original PyTorch RealNVP recipe: reaching it is "seed quality" (docs/protocol.md). */
export const SEED_QUALITY_NLL = -7.19;

/** One row of docs/protocol.md's holdout reference table. */
export interface HoldoutAnchor {
  readonly model: string;
  /** What measured it: `PyTorch` or `scikit-learn`. */
  readonly measuredIn: string;
  readonly fitSeconds: number;
  readonly testNll: number;
  readonly mmdRatio: number;
  readonly w1Ratio: { readonly x: number; readonly y: number };
  readonly c2st: number;
  readonly dcrRatio: number;
}

/** docs/protocol.md, "Reference figures, measured on this kind of machine (2 cores), same protocol". */
export const HOLDOUT_ANCHORS: readonly HoldoutAnchor[] = [
  {
    model: 'original RealNVP recipe (50 epochs)',
    measuredIn: 'PyTorch',
    fitSeconds: 47,
    testNll: -7.19,
    mmdRatio: 1.93,
    w1Ratio: { x: 0.98, y: 1.91 },
    c2st: 0.547,
    dcrRatio: 1.17,
  },
  {
    model: 'GaussianMixture-30',
    measuredIn: 'scikit-learn',
    fitSeconds: 0.3,
    testNll: -7.49,
    mmdRatio: 1.1,
    w1Ratio: { x: 1.16, y: 1.26 },
    c2st: 0.508,
    dcrRatio: 1.1,
  },
  {
    model: 'KernelDensity (CV bandwidth)',
    measuredIn: 'scikit-learn',
    fitSeconds: 2,
    testNll: -6.86,
    mmdRatio: 1.23,
    w1Ratio: { x: 0.92, y: 1.21 },
    c2st: 0.541,
    dcrRatio: 1.15,
  },
];

/** The original README's figures (PyTorch, the quiz data): 5000 generated points against the 5000 it trained on. */
export interface SeedStyleFigures {
  readonly mmd: number;
  readonly kl: { readonly x: number; readonly y: number };
  readonly w1: {
    readonly x: number;
    readonly y: number;
    readonly r: number;
    readonly g: number;
    readonly b: number;
  };
}

/** docs/protocol.md "Seed-style figures" / the original README's "Results", keyed by our model names. */
export const ORIGINAL_README_FIGURES: Readonly<Partial<Record<ModelName, SeedStyleFigures>>> = {
  realnvp: {
    mmd: 0.0011,
    kl: { x: 0.0535, y: 0.0466 },
    w1: { x: 0.010877, y: 0.006068, r: 0.011408, g: 0.010864, b: 0.006135 },
  },
  'masked-transformer': {
    mmd: 0.0019,
    kl: { x: 0.0858, y: 0.0534 },
    w1: { x: 0.008623, y: 0.003177, r: 0.006073, g: 0.004483, b: 0.011655 },
  },
};

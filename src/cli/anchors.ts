// The protocol's reference rows, which the tables print beside our runs. The figures live in
// docs/reference-figures.json (explained in docs/protocol.md, "Reference figures" and "The original project's
// figures"); this module only types them. The tables show them only beside runs on the quiz data.
import { createHash } from 'node:crypto';
import figures from '../../docs/reference-figures.json';
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
export const SEED_QUALITY_NLL: number = figures.seedQualityNll;

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

/** docs/protocol.md's holdout reference table ("Reference figures"). */
export const HOLDOUT_ANCHORS: readonly HoldoutAnchor[] = figures.holdout;

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

/** The original README's figures (docs/protocol.md, "The original project's figures"), by our model names. */
export const ORIGINAL_README_FIGURES: Readonly<Partial<Record<ModelName, SeedStyleFigures>>> =
  figures.originalReadme;

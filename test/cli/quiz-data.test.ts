// Which data the reference rows stand beside: the quiz points, recognised by their checksum however they were
// read, and no other set (see isQuizData).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuizData, QUIZ_POINTS_SHA256 } from '../../src/cli/anchors.js';
import { comparison } from '../../src/cli/tables.js';
import { coloredPi } from '../../src/datasets/colored-pi.js';
import { readPoints } from '../../src/node/files.js';
import { loadPiQuiz } from '../../src/node/pi-quiz.js';
import { HAS_PI_QUIZ, PI_QUIZ_DIR } from '../node/shared-dir.js';
import { mixtureRun } from './runs.js';

describe('isQuizData', () => {
  it('is false for other points, even of the quiz size and shape', () => {
    expect(QUIZ_POINTS_SHA256).toMatch(/^[0-9a-f]{64}$/);
    expect(isQuizData(coloredPi())).toBe(false);
    expect(isQuizData(coloredPi({ count: 400 }))).toBe(false);
  });

  it.skipIf(!HAS_PI_QUIZ)(
    'recognises the quiz points from the folder or their CSV, and only in their order',
    async () => {
      const quiz = await loadPiQuiz(PI_QUIZ_DIR);
      expect(isQuizData(quiz)).toBe(true);
      expect(isQuizData(await readPoints(join(PI_QUIZ_DIR, 'points-reference.csv'), { dim: 5 }))).toBe(true);
      const changed = new Float32Array(quiz.data);
      changed[7] = (changed[7] as number) + 1 / 255;
      expect(isQuizData({ ...quiz, data: changed })).toBe(false);
      const swapped = new Float32Array(quiz.data);
      swapped.set(quiz.data.subarray(5, 10), 0);
      swapped.set(quiz.data.subarray(0, 5), 5);
      expect(isQuizData({ ...quiz, data: swapped })).toBe(false);
    },
  );

  it.skipIf(!HAS_PI_QUIZ)('puts the labelled reference rows beside runs on the quiz data', async () => {
    const { quizData, text } = comparison(await loadPiQuiz(PI_QUIZ_DIR), [mixtureRun]);
    expect(quizData).toBe(true);
    for (const row of [
      'reference, quiz data, measured in PyTorch: original RealNVP recipe (50 epochs)',
      'reference, quiz data, measured in scikit-learn: GaussianMixture-30',
      'reference, quiz data, measured in scikit-learn: KernelDensity (CV bandwidth)',
    ]) {
      expect(text).toContain(`| ${row} |`);
    }
    expect(text).toContain('| gaussian-mixture, pointgen |');
  });
});

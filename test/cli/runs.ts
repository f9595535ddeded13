import { BASELINE_MODEL } from '../../src/cli/models.js';
import type { RunSummary } from '../../src/cli/tables.js';
import { evaluate, evaluateSeedStyle } from '../../src/metrics/index.js';

const wave = (n: number, shift: number) =>
  Array.from({ length: n }, (_, i) => [(i * 0.618) % 1, 0.5 + 0.3 * Math.sin(i + shift), 0.2, 0.4, 0.6]);

/** A transformer's run as the tables get it, with figures of two seeded waves. */
export const transformerRun: RunSummary = {
  model: 'masked-transformer',
  label: 'transformer',
  fitSeconds: 12.34,
  fitCpuSeconds: 10,
  testNll: -7.5,
  evaluation: evaluate(wave(200, 0.1), { train: wave(200, 0), test: wave(50, 0.05) }),
  seedStyle: evaluateSeedStyle(wave(200, 0.1), wave(250, 0)),
};

/** The same figures as the baseline's run. */
export const mixtureRun: RunSummary = { ...transformerRun, model: BASELINE_MODEL, label: BASELINE_MODEL };

/** Words only the reference rows and their captions use: none may show beside runs on other data. */
export const QUIZ_ONLY = [
  'reference, quiz data',
  'measured in',
  'original README |',
  'PyTorch',
  'scikit-learn',
  '-7.19',
  '-7.49',
];

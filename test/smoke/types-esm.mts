// Compiled with `tsc --strict` against the installed declarations, as ESM (.mts) and CJS (.ts in a commonjs package).
import { datasets, type Generator, type History, type Points, RealNVPGenerator, toPoints } from 'pointgen';
import { mmd } from 'pointgen/metrics';
import { loadPiQuiz } from 'pointgen/node';

const points: Points = toPoints([[0.1, 0.2, 0.3, 0.4, 0.5]]);
const pi: Points = datasets.coloredPi({ count: 10, seed: 1 });
const model: Generator = new RealNVPGenerator({ couplings: 2 });
export const trained: Promise<History> = model.fit(pi, { epochs: 1 });
export const distance: number = mmd(points, pi);
export const quiz: Promise<Points> = loadPiQuiz('quiz');

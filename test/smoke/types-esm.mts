// Compiled with `tsc --strict` against the installed declarations, as ESM (.mts) and CJS (.ts in a commonjs package).
import { datasets, type Points, toPoints } from 'pointgen';

const points: Points = toPoints([[0.1, 0.2, 0.3, 0.4, 0.5]]);
const pi: Points = datasets.coloredPi({ count: 10, seed: 1 });
export const total: number = points.count + pi.count;

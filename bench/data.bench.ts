import { dequantize, protocolSplit, toPoints } from '../src/index.js';
import { medianSeconds } from './util.js';

export default async function bench(): Promise<void> {
  const rows = Array.from({ length: 5000 }, (_, i) => [i / 5000, 0.5, 0.1, 0.2, 0.3]);
  const points = toPoints(rows, { dim: 5 });
  const t1 = await medianSeconds(() => toPoints(rows, { dim: 5, unitRange: true }));
  const t2 = await medianSeconds(() => dequantize(points, undefined, 1));
  const t3 = await medianSeconds(() => protocolSplit(points));
  console.log(`toPoints 5000×5 rows: ${(t1 * 1e3).toFixed(2)} ms (median of 5)`);
  console.log(`dequantize 5000×5: ${(t2 * 1e3).toFixed(2)} ms`);
  console.log(`protocolSplit 5000: ${(t3 * 1e3).toFixed(2)} ms`);
}

import { datasets } from '../src/index.js';
import { medianSeconds } from './util.js';

export default async function bench(): Promise<void> {
  const t0 = performance.now();
  datasets.coloredPi({ seed: 1 });
  const first = performance.now() - t0;
  let seed = 2;
  const t = await medianSeconds(() => datasets.coloredPi({ seed: seed++ }), 21);
  console.log(`coloredPi 5000 points: first call ${first.toFixed(1)} ms (rasterises the glyph once)`);
  console.log(`coloredPi 5000 points: ${(t * 1e3).toFixed(2)} ms (median of 21)`);
}

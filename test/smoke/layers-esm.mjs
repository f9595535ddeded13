// Node ESM user with tfjs-layers loaded too (as `@tensorflow/tfjs` users have it; it registers tfjs's own
// gradients, some broken on wasm) and the wasm backend; both generators train.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-wasm';
import * as pointgen from 'pointgen';
import { fitTiny } from './tiny-fit.cjs';

await tf.setBackend('wasm');
const r = await fitTiny(tf, pointgen, { layers: true });
console.log(
  `layers-esm: ${r.backend}, RealNVP loss ${r.first.toFixed(4)} → ${r.last.toFixed(4)}, transformer trained`,
);

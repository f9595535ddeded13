// Node ESM user: `import` pointgen (its "import" condition) next to tfjs-core and a backend, and train.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { dense, ensureGradients } from 'pointgen';
import { fitTiny } from './tiny-fit.cjs';

await tf.setBackend('cpu');
const r = fitTiny(tf, { dense, ensureGradients });
console.log(
  `esm: ${r.backend}, ${r.registered} gradients registered, loss ${r.first.toFixed(4)} → ${r.last.toFixed(4)}`,
);

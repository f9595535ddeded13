// Node ESM user: `import` pointgen (its "import" condition) next to tfjs-core and a backend, and train.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as pointgen from 'pointgen';
import { fitTiny } from './tiny-fit.cjs';

await tf.setBackend('cpu');
const r = await fitTiny(tf, pointgen);
console.log(`esm: ${r.backend}, loss ${r.first.toFixed(4)} → ${r.last.toFixed(4)}`);

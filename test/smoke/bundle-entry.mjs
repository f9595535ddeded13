// The app a browser user would bundle: pointgen's ESM build, tfjs-core and the cpu backend, resolved through
// their "module" entries as bundlers do.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as pointgen from 'pointgen';
import { fitTiny } from './tiny-fit.cjs';

await tf.setBackend('cpu');
const r = await fitTiny(tf, pointgen);
console.log(`bundle: ${r.backend}, loss ${r.first.toFixed(4)} → ${r.last.toFixed(4)}`);

// Node CommonJS user: `require` pointgen (its "require" condition) next to tfjs-core and a backend, and train.
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const { dense, ensureGradients } = require('pointgen');
const { fitTiny } = require('./tiny-fit.cjs');

tf.setBackend('cpu').then(() => {
  const r = fitTiny(tf, { dense, ensureGradients });
  console.log(
    `cjs: ${r.backend}, ${r.registered} gradients registered, loss ${r.first.toFixed(4)} → ${r.last.toFixed(4)}`,
  );
});

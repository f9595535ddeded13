// Node CommonJS user: `require` pointgen (its "require" condition) next to tfjs-core and a backend, and train.
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const pointgen = require('pointgen');
const { fitTiny } = require('./tiny-fit.cjs');

tf.setBackend('cpu')
  .then(() => fitTiny(tf, pointgen))
  .then((r) => console.log(`cjs: ${r.backend}, loss ${r.first.toFixed(4)} → ${r.last.toFixed(4)}`))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });

// Node CommonJS user with tfjs-core, tfjs-layers and the wasm backend; both generators train.
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-layers');
require('@tensorflow/tfjs-backend-wasm');
const pointgen = require('pointgen');
const { fitTiny } = require('./tiny-fit.cjs');

tf.setBackend('wasm')
  .then(() => fitTiny(tf, pointgen, { layers: true }))
  .then((r) =>
    console.log(
      `layers-cjs: ${r.backend}, RealNVP loss ${r.first.toFixed(4)} → ${r.last.toFixed(4)}, transformer trained`,
    ),
  )
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });

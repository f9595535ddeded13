'use strict';
// What every smoke script checks, from a user's point of view: importing pointgen registers nothing, and
// after ensureGradients() a small MLP built from pointgen's dense trains with tf.train.adam using tfjs-core
// and a backend alone. `tf` and `pointgen` are passed in so that each script loads them its own way
// (Node ESM, Node CJS, a bundle).

/**
 * @param {typeof import('@tensorflow/tfjs-core')} tf
 * @param {{ dense: Function, ensureGradients: () => string[] }} pointgen
 */
function fitTiny(tf, pointgen) {
  if (tf.getGradient('Neg') !== undefined) {
    throw new Error(
      'a gradient is registered before ensureGradients(): importing pointgen must register none',
    );
  }
  const added = pointgen.ensureGradients();
  for (const kernel of ['BatchMatMul', 'Add', 'Relu', 'Mean', 'Square', 'Sub']) {
    if (!added.includes(kernel)) throw new Error(`ensureGradients() did not register ${kernel}`);
  }
  if (pointgen.ensureGradients().length !== 0) throw new Error('ensureGradients() is not idempotent');

  const x = tf.randomUniform([128, 2], -1, 1, 'float32', 1);
  const [x0, x1] = tf.split(x, 2, 1);
  const y = tf.mul(tf.sin(tf.mul(x0, 3)), x1);
  const layer = (fanIn, fanOut, seed) => ({
    w: tf.variable(tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), 'float32', seed)),
    b: tf.variable(tf.zeros([fanOut])),
  });
  const layers = [layer(2, 16, 2), layer(16, 16, 3), layer(16, 1, 4)];
  const predict = () =>
    layers.reduce((h, { w, b }, i) => {
      const out = pointgen.dense(h, w, b);
      return i < layers.length - 1 ? tf.relu(out) : out;
    }, x);
  const loss = () => tf.mean(tf.square(tf.sub(predict(), y)));

  const optimizer = tf.train.adam(0.02);
  const first = tf.tidy(() => loss().dataSync()[0]);
  tf.dispose(optimizer.minimize(loss, true));
  const tensors = tf.memory().numTensors;
  for (let step = 1; step < 150; step++) tf.dispose(optimizer.minimize(loss, true));
  const last = tf.tidy(() => loss().dataSync()[0]);
  if (tf.memory().numTensors !== tensors) {
    throw new Error(`training leaked ${tf.memory().numTensors - tensors} tensors`);
  }
  if (!(last < first / 4)) throw new Error(`loss did not fall: ${first} → ${last}`);
  return { backend: tf.getBackend(), first, last, registered: added.length };
}

module.exports = { fitTiny };

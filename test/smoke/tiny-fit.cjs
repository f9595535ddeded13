'use strict';
// What every smoke script checks, from a user's point of view: importing pointgen registers no gradient, and
// `fit()` trains a small RealNVP on the built-in data with tfjs-core and a backend alone (no other import),
// sampling gives finite points in range, and nothing leaks. `tf` and `pointgen` are passed in so that each
// script loads them its own way (Node ESM, Node CJS, a bundle). With `{ layers: true }` the script has loaded
// tfjs-layers too (which registers tfjs's own gradients), and a small masked transformer trains as well.

/**
 * @param {typeof import('@tensorflow/tfjs-core')} tf
 * @param {typeof import('pointgen')} pointgen
 */
async function fitTiny(tf, pointgen, { layers = false } = {}) {
  if (!layers && tf.getGradient('Neg') !== undefined) {
    throw new Error('a gradient is registered before fit(): importing pointgen must register none');
  }
  const data = pointgen.datasets.coloredPi({ count: 512, seed: 1 });
  const { train } = pointgen.protocolSplit(data);
  const r = await fitOne(
    tf,
    train,
    () => new pointgen.RealNVPGenerator({ couplings: 2, hidden: 16, depth: 1 }),
  );
  if (layers) {
    await fitOne(
      tf,
      train,
      () => new pointgen.MaskedTransformerGenerator({ embedDim: 16, heads: 2, layers: 1, members: 1 }),
    );
  }
  return r;
}

/**
 * @param {typeof import('@tensorflow/tfjs-core')} tf
 * @param {import('pointgen').Points} train
 * @param {() => import('pointgen').Generator} make
 */
async function fitOne(tf, train, make) {
  const before = tf.memory().numTensors;
  const model = make();
  const history = await model.fit(train, {
    epochs: 6,
    batchSize: 64,
    learningRate: 3e-3,
    validationFraction: 0,
    seed: 1,
  });
  const first = history.epochs[0].loss;
  const last = history.epochs[history.epochs.length - 1].loss;
  if (!(last < first)) throw new Error(`${model.type}: loss did not fall: ${first} → ${last}`);

  const samples = await model.sample(200, { seed: 2 });
  if (samples.count !== 200 || samples.dim !== 5) throw new Error('sample: wrong shape');
  for (const v of samples.data) {
    if (!(Number.isFinite(v) && v >= 0 && v <= 1 + 1 / 255 + 1e-6)) throw new Error(`sample: bad value ${v}`);
  }
  model.dispose();
  if (tf.memory().numTensors !== before) {
    throw new Error(`${model.type}: fit/sample/dispose leaked ${tf.memory().numTensors - before} tensors`);
  }
  return { backend: tf.getBackend(), first, last };
}

module.exports = { fitTiny };

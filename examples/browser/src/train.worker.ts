// The demo's training worker: fits the models the page asks for with pointgen/worker, on its own thread, so
// that the page keeps drawing (training on the page blocked it for up to a second at a time).
import * as tf from '@tensorflow/tfjs-core';
import { serveTraining } from 'pointgen/worker';
import { setUpBackends } from './backends';
import { createModel, type ModelSpec } from './models';

setUpBackends();
serveTraining<ModelSpec>({
  create: async (spec) => {
    // The page's backend, so that a model trains here on what the page shows (and then samples there).
    if (tf.getBackend() !== spec.backend && !(await tf.setBackend(spec.backend))) {
      throw new Error(`the training worker could not start the ${spec.backend} backend`);
    }
    await tf.ready();
    return createModel(spec.kind, spec.size, spec.seed);
  },
});

/**
 * Training off the page's thread: {@link serveTraining} runs in a module Web Worker and fits the models it is
 * sent; {@link trainInWorker} on the page sends one, hears every epoch, can stop it, and gets the trained
 * weights back to load with `loadGenerator(tf.io.fromMemory(artifacts))`. Training on the page itself blocks
 * it for whole epochs; in a worker the page keeps drawing.
 *
 * @packageDocumentation
 */
export { type TrainInWorkerOptions, trainInWorker } from './client.js';
export type {
  MessageTarget,
  TrainedInWorker,
  TrainRequest,
  WorkerFitOptions,
} from './protocol.js';
export { type ServeTrainingOptions, serveTraining } from './serve.js';

// The bench's worker: one fit (fit.js) per worker, its result or error posted back.
import { fitOnce } from './fit.js';

self.onmessage = async ({ data }) => {
  try {
    self.postMessage(await fitOnce(data));
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};

// The page of scripts/bench-browser-threads.mjs: runs one fit (fit.js) on this page or in a fresh module worker.
import { fitOnce } from './fit.js';

window.fitOnce = fitOnce;
window.fitInWorker = (args) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fit.worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error) reject(new Error(data.error));
      else resolve(data);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(args);
  });
window.benchReady = true;

// As a user's app would: tfjs-core and the backends (backend.ts), pointgen, and pointgen/worker to train in a
// Web Worker (train.worker.ts) while this page keeps drawing; the page itself samples, saves and loads.
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import {
  datasets,
  type EpochRecord,
  formatCsv,
  type Generator,
  loadGenerator,
  type Points,
  parseCsv,
  toPoints,
} from 'pointgen';
import { trainInWorker } from 'pointgen/worker';
import { BACKEND_ORDER, pickBackend } from './backend';
import { downloadText } from './download';
import type { ModelKind, ModelSize, ModelSpec } from './models';
import { drawScatter, type ScatterStats } from './scatter';

const SAVED_MODEL = 'indexeddb://pointgen-demo';
/** Points drawn for the live preview while training: enough to see the shape, cheap enough every epoch. */
const PREVIEW_POINTS = 400;

/** What the page has done, for the browser test (and the curious, in the console). */
interface DemoState {
  backend: string;
  /**
   * Threads of the page's wasm backend (`null` on another backend): more than one only on a cross-origin
   * isolated page, and tfjs takes at most half of `navigator.hardwareConcurrency`.
   */
  wasmThreads: number | null;
  status: 'starting' | 'ready' | 'training' | 'trained' | 'error';
  epochs: EpochRecord[];
  stoppedBy: string | null;
  /** The last generated points, flat (x, y, r, g, b, …), and what drawing them gave. */
  samples: number[];
  generated: ScatterStats | null;
  real: ScatterStats | null;
  saved: boolean;
  loaded: string | null;
  error: string | null;
  /** `performance.now()` when the last training run was sent to the worker and when its model came back. */
  trainedFrom: number | null;
  trainedUntil: number | null;
  /** The backend tfjs is actually running on, asked afresh. */
  tfBackend(): string;
}

const state: DemoState = {
  backend: '',
  wasmThreads: null,
  status: 'starting',
  epochs: [],
  stoppedBy: null,
  samples: [],
  generated: null,
  real: null,
  saved: false,
  loaded: null,
  error: null,
  trainedFrom: null,
  trainedUntil: null,
  tfBackend: () => tf.getBackend(),
};
(window as unknown as { __pointgen: DemoState }).__pointgen = state;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const ui = {
  backend: element('backend'),
  backendNote: element('backend-note'),
  count: element<HTMLInputElement>('count'),
  file: element<HTMLInputElement>('file'),
  model: element<HTMLSelectElement>('model'),
  size: element<HTMLSelectElement>('size'),
  epochs: element<HTMLInputElement>('epochs'),
  train: element<HTMLButtonElement>('train'),
  stop: element<HTMLButtonElement>('stop'),
  sampleCount: element<HTMLInputElement>('sample-count'),
  sample: element<HTMLButtonElement>('sample'),
  download: element<HTMLButtonElement>('download'),
  save: element<HTMLButtonElement>('save'),
  load: element<HTMLButtonElement>('load'),
  real: element<HTMLCanvasElement>('real'),
  generated: element<HTMLCanvasElement>('generated'),
  realCount: element('real-count'),
  generatedCount: element('generated-count'),
  epoch: element('m-epoch'),
  loss: element('m-loss'),
  val: element('m-val'),
  seconds: element('m-seconds'),
  status: element('status'),
  versions: element('versions'),
};

let data: Points = datasets.coloredPi({ count: ui.count.valueAsNumber });
let model: Generator | undefined;
let samples: Points | undefined;
let controller: AbortController | undefined;

function say(message: string, isError = false): void {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', isError);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  state.status = 'error';
  state.error = message;
  say(message, true);
}

function setBusy(training: boolean): void {
  ui.train.disabled = training;
  ui.stop.disabled = !training;
  for (const control of [ui.count, ui.file, ui.model, ui.size, ui.epochs]) control.disabled = training;
  ui.load.disabled = training || !state.saved;
  for (const control of [ui.sample, ui.save]) control.disabled = training || !model;
  ui.download.disabled = training || !samples;
}

function showData(points: Points, label: string): void {
  data = points;
  state.real = drawScatter(ui.real, points);
  ui.realCount.textContent = `(${label}, ${points.count} points)`;
}

function showSamples(points: Points): void {
  samples = points;
  state.samples = Array.from(points.data);
  state.generated = drawScatter(ui.generated, points);
  ui.generatedCount.textContent = `(${points.count} points)`;
}

function showEpoch(record: EpochRecord, total: number): void {
  state.epochs.push(record);
  ui.epoch.textContent = `${record.epoch} / ${total}`;
  ui.loss.textContent = record.loss.toFixed(3);
  ui.val.textContent = Number.isNaN(record.valNll) ? '–' : record.valNll.toFixed(3);
  ui.seconds.textContent = record.seconds.toFixed(1);
}

/** Started on first use; one worker trains every run of the page. */
let worker: Worker | undefined;

async function train(): Promise<void> {
  const epochs = ui.epochs.valueAsNumber;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new RangeError('epochs: expected a positive integer');
  model?.dispose();
  model = undefined;
  worker ??= new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
  const spec: ModelSpec = {
    kind: ui.model.value as ModelKind,
    size: ui.size.value as ModelSize,
    seed: 1,
    backend: state.backend,
  };
  controller = new AbortController();
  state.status = 'training';
  state.epochs = [];
  state.stoppedBy = null;
  // Marks in the page's timeline (and in a Chromium trace) around the run: the browser test reads them.
  state.trainedFrom = performance.mark('pointgen:train-start').startTime;
  state.trainedUntil = null;
  setBusy(true);
  say(`Training a ${spec.kind} on ${data.count} points in a worker…`);
  // Redraw about 15 times in a run, at least every other epoch; the worker draws the preview points.
  const every = Math.min(2, Math.max(1, Math.floor(epochs / 15)));
  try {
    const { history, artifacts } = await trainInWorker(
      worker,
      {
        model: spec,
        data,
        fit: { epochs, validationFraction: 0.1, seed: 1 },
        preview: { count: PREVIEW_POINTS, every },
      },
      {
        signal: controller.signal,
        onEpoch: (record, preview) => {
          showEpoch(record, epochs);
          if (preview) showSamples(preview);
        },
      },
    );
    state.trainedUntil = performance.mark('pointgen:train-end').startTime;
    // Loading and sampling the model here takes about a tenth of a second: in a task of its own, after the run.
    await new Promise((done) => setTimeout(done, 0));
    model = await loadGenerator(tf.io.fromMemory(artifacts));
    state.stoppedBy = history.stoppedBy;
    showSamples(await model.sample(PREVIEW_POINTS, { seed: 0 }));
    const how = history.stoppedBy === 'aborted' ? 'Stopped' : 'Trained';
    const best = Number.isNaN(history.bestValNll) ? '' : `, best val NLL ${history.bestValNll.toFixed(3)}`;
    say(`${how} after ${history.epochs.length} epochs in ${history.seconds.toFixed(1)} s${best}.`);
    state.status = 'trained';
  } finally {
    controller = undefined;
    setBusy(false);
  }
}

async function loadFile(file: File): Promise<void> {
  const points = toPoints(parseCsv(await file.text(), { dim: 5 }), {
    dim: 5,
    unitRange: true,
    argument: file.name,
  });
  showData(points, file.name);
  say(`Read ${points.count} points from ${file.name}.`);
}

async function refreshSaved(): Promise<void> {
  const models = await tf.io.listModels();
  state.saved = SAVED_MODEL in models;
  ui.load.disabled = !state.saved || controller !== undefined;
}

/** Runs a button's action, reporting any error on the page instead of losing it. */
function on(target: HTMLElement, event: string, action: () => Promise<void> | void): void {
  target.addEventListener(event, () => {
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => {
        setBusy(false);
        fail(error);
      });
  });
}

on(ui.train, 'click', train);
on(ui.stop, 'click', () => controller?.abort());
on(ui.sample, 'click', async () => {
  if (!model) return;
  showSamples(await model.sample(ui.sampleCount.valueAsNumber, { seed: Date.now() % 1e9 }));
  ui.download.disabled = false;
  say(`Drew ${samples?.count} points.`);
});
on(ui.download, 'click', () => {
  if (samples) downloadText(formatCsv(samples), 'pointgen-samples.csv');
});
on(ui.save, 'click', async () => {
  if (!model) return;
  await model.save(SAVED_MODEL);
  await refreshSaved();
  say(`Saved the ${model.type} model to ${SAVED_MODEL}.`);
});
on(ui.load, 'click', async () => {
  const loaded = await loadGenerator(SAVED_MODEL);
  model?.dispose();
  model = loaded;
  showSamples(await loaded.sample(PREVIEW_POINTS, { seed: 0 }));
  state.loaded = loaded.type;
  state.status = 'trained';
  setBusy(false);
  say(`Loaded the ${loaded.type} model from ${SAVED_MODEL}.`);
});
on(ui.count, 'change', () => {
  showData(datasets.coloredPi({ count: ui.count.valueAsNumber }), 'built-in π');
  ui.file.value = '';
});
on(ui.file, 'change', async () => {
  const file = ui.file.files?.[0];
  if (file) await loadFile(file);
});

async function start(): Promise<void> {
  // `?backend=wasm` (or cpu, webgl) tries that backend alone, to compare them.
  const wanted = new URLSearchParams(window.location.search).get('backend');
  const choice = await pickBackend(wanted ? [wanted] : BACKEND_ORDER);
  state.backend = choice.name;
  ui.backend.textContent = choice.name;
  ui.backend.dataset.backend = choice.name;
  ui.backend.title = choice.skipped.length > 0 ? `passed over: ${choice.skipped.join(', ')}` : '';
  state.wasmThreads = choice.name === 'wasm' ? getThreadsCount() : null;
  const notes = choice.skipped.length > 0 ? [`passed over: ${choice.skipped.join(', ')}`] : [];
  if (state.wasmThreads !== null)
    notes.push(`${state.wasmThreads} thread${state.wasmThreads === 1 ? '' : 's'}`);
  ui.backendNote.textContent = notes.length > 0 ? `(${notes.join('; ')})` : '';
  ui.versions.textContent = `pointgen on TensorFlow.js ${tf.version_core}`;
  showData(data, 'built-in π');
  drawScatter(ui.generated, undefined);
  await refreshSaved();
  setBusy(false);
  state.status = 'ready';
  say(
    state.saved ? 'Ready. A saved model is waiting in IndexedDB.' : 'Ready: choose a model and press Train.',
  );
}

start().catch(fail);

// The browser demo (examples/browser) in a real headless Chromium: trains a small model in a Web Worker while
// the page's main thread stays free (no task over 100 ms, PerformanceObserver 'longtask'), stops one
// mid-training, samples and downloads CSV, saves to IndexedDB and loads back after a reload, reads a CSV file,
// trains on a cross-origin isolated page (wasm threads), and fails on any console error. Serves the built page
// (`vite build examples/browser`) itself; run by `npm run test:browser`.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ISOLATION_HEADERS, launchChromium, serve } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const site = join(root, 'examples/browser/dist');
const outDir = join(root, '.tmp/browser');

const started = Date.now();
const step = (what) => console.log(`browser: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
await stat(join(site, 'index.html')).catch(() => {
  throw new Error(`${site}/index.html is missing: run \`vite build examples/browser\` first`);
});
const server = await serve(site);
const url = `http://127.0.0.1:${server.address().port}/`;
const profile = await mkdtemp(join(tmpdir(), 'pointgen-chromium-'));
await mkdir(outDir, { recursive: true });
const context = await launchChromium(profile, {
  viewport: { width: 1240, height: 560 },
  acceptDownloads: true,
});

const errors = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(90_000);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));

  // The page's state, with the backend asked from tfjs itself (functions do not cross into Node).
  const read = () =>
    page.evaluate(() => {
      const s = window.__pointgen;
      return { ...JSON.parse(JSON.stringify(s)), tfBackend: s.tfBackend() };
    });
  const until = (predicate, arg) => page.waitForFunction(predicate, arg, { polling: 100 });
  const ready = () => until(() => ['ready', 'error'].includes(window.__pointgen?.status));
  const trained = () => until(() => ['trained', 'error'].includes(window.__pointgen.status));
  const noError = (s) => assert.equal(s.error, null, `the page reported: ${s.error}`);

  const checkSamples = (s, count) => {
    assert.equal(s.samples.length, count * 5, 'samples: five values per point');
    for (const v of s.samples) {
      assert.ok(Number.isFinite(v) && v >= 0 && v <= 1 + 1 / 255 + 1e-6, `sample value ${v} out of range`);
    }
    assert.deepEqual(
      s.generated,
      { count, finite: count, inside: count },
      'every sample drawn inside the plot',
    );
  };

  // The page's main thread while a model trains in the worker. The longtask observer gives every task over
  // 50 ms by wall-clock time, which on a busy machine includes time the thread only waited for a core (tasks
  // of 1 ms CPU measured at 50-230 ms with other jobs running); a Chromium trace gives each task's own thread
  // time too, and that is what must stay under 100 ms. Training on the page itself had tasks of over a second.
  const watchMainThread = () =>
    page.evaluate(() => {
      const w = window;
      w.__longTasks = [];
      w.__frames = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      const frame = (t) => {
        w.__frames.push(t);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  const traced = async (run) => {
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'disabled-by-default-devtools.timeline',
          'devtools.timeline',
          'blink.user_timing',
        ],
      },
    });
    await run();
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    return events;
  };
  const mainThreadDuringTraining = async (trace) => {
    const { tasks, frames, from, until } = await page.evaluate(() => ({
      tasks: window.__longTasks,
      frames: window.__frames,
      from: window.__pointgen.trainedFrom,
      until: window.__pointgen.trainedUntil,
    }));
    const during = tasks.filter((t) => t.start + t.duration > from && t.start < until);
    const inside = frames.filter((t) => t >= from && t <= until);
    const gaps = inside.slice(1).map((t, i) => t - inside[i]);
    // The trace's marks name the page's main thread and bound the run on the trace's clock (microseconds).
    const mark = (name) => trace.findLast((e) => e.name === name && e.cat.includes('blink.user_timing'));
    const start = mark('pointgen:train-start');
    const end = mark('pointgen:train-end');
    assert.ok(start && end, 'the trace holds the page marks around the training run');
    const runTasks = trace.filter(
      (e) =>
        e.name === 'RunTask' &&
        e.pid === start.pid &&
        e.tid === start.tid &&
        e.ts + e.dur > start.ts &&
        e.ts < end.ts,
    );
    return {
      longest: Math.max(0, ...during.map((t) => t.duration)),
      count: during.length,
      longestCpu: Math.max(0, ...runTasks.map((e) => (e.tdur ?? e.dur) / 1000)),
      fps: inside.length / ((until - from) / 1000),
      longestGap: Math.max(0, ...gaps),
    };
  };
  const assertMainThreadFree = (m, what) => {
    assert.ok(
      m.longestCpu <= 100,
      `${what}: a task ran on the page's main thread for ${m.longestCpu.toFixed(0)} ms while the model trained`,
    );
    return (
      `main thread: longest task ${m.longestCpu.toFixed(0)} ms of thread time; ${m.count} long tasks by wall ` +
      `clock (longest ${m.longest.toFixed(0)} ms), ${m.fps.toFixed(0)} frames/s, longest frame gap ${m.longestGap.toFixed(0)} ms`
    );
  };

  await page.goto(url);
  await ready();
  await watchMainThread();
  let s = await read();
  noError(s);
  const shown = await page.textContent('#backend');
  assert.ok(['webgl', 'wasm', 'cpu'].includes(s.backend), `unexpected backend ${s.backend}`);
  assert.equal(shown, s.tfBackend, 'the backend shown is the one tfjs runs on');
  assert.equal(s.backend, s.tfBackend);
  assert.equal(s.real.count, 2000);
  step(`page ready on ${s.tfBackend}`);

  // A short full run: metrics every epoch, samples redrawn as training goes.
  await page.fill('#count', '1000');
  await page.dispatchEvent('#count', 'change');
  await page.selectOption('#size', 'small');
  await page.fill('#epochs', '8');
  const realnvpTrace = await traced(async () => {
    await page.click('#train');
    await trained();
  });
  s = await read();
  noError(s);
  assert.equal(s.epochs.length, 8);
  assert.equal(s.stoppedBy, 'epochs');
  for (const e of s.epochs) assert.ok(Number.isFinite(e.loss) && Number.isFinite(e.valNll), 'finite metrics');
  assert.equal(await page.textContent('#m-epoch'), '8 / 8');
  checkSamples(s, 400);
  assert.equal(s.tfBackend, s.backend, 'training ran on the backend shown');
  const screenshot = join(outDir, 'demo.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  const realnvpThread = assertMainThreadFree(await mainThreadDuringTraining(realnvpTrace), 'RealNVP');
  step(
    `trained a RealNVP for 8 epochs in the worker, val NLL ${s.epochs.at(-1).valNll.toFixed(3)}; ${realnvpThread}`,
  );

  // Stop mid-training (a masked transformer): fit resolves with the history so far and the model still samples.
  await page.selectOption('#model', 'transformer');
  await page.fill('#epochs', '300');
  const stoppedTrace = await traced(async () => {
    await page.click('#train');
    await until(() => window.__pointgen.epochs.length >= 1 || window.__pointgen.error !== null);
    noError(await read());
    await page.click('#stop');
    await trained();
  });
  s = await read();
  noError(s);
  assert.equal(s.stoppedBy, 'aborted');
  assert.ok(s.epochs.length < 300, `stopped after ${s.epochs.length} epochs`);
  assert.ok(await page.isDisabled('#stop'));
  const stoppedThread = assertMainThreadFree(await mainThreadDuringTraining(stoppedTrace), 'transformer');
  await page.fill('#sample-count', '500');
  await page.click('#sample');
  await until(() => window.__pointgen.samples.length === 2500);
  checkSamples(await read(), 500);
  step(`stopped the worker after ${s.epochs.length} epochs (${stoppedThread}), then sampled 500 points`);

  // CSV download of the samples.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  assert.equal(csv[0], 'x,y,r,g,b');
  assert.equal(csv.length, 501);

  // IndexedDB round trip across a reload.
  await page.click('#save');
  await until(() => window.__pointgen.saved);
  await page.reload();
  await ready();
  s = await read();
  noError(s);
  assert.ok(s.saved, 'the saved model is listed after a reload');
  await page.click('#load');
  await until(() => window.__pointgen.loaded !== null || window.__pointgen.error !== null);
  s = await read();
  noError(s);
  assert.equal(s.loaded, 'masked-transformer');
  checkSamples(s, 400);
  step('saved to IndexedDB, reloaded the page, loaded and sampled');

  // A CSV file of points from the file picker.
  const points = ['x,y,r,g,b', '0.1,0.2,1,0,0', '0.5,0.5,0,1,0', '0.9,0.8,0,0,1'].join('\n');
  await page.setInputFiles('#file', { name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(points) });
  await until(() => window.__pointgen.real?.count === 3);
  noError(await read());

  // webgl asked for by name: the page shows it when tfjs runs it, or says that it could not start.
  await page.goto(`${url}?backend=webgl`);
  await ready();
  s = await read();
  if (s.error === null) {
    assert.equal(await page.textContent('#backend'), 'webgl');
    assert.equal(s.tfBackend, 'webgl');
  } else {
    assert.match(s.error, /no TensorFlow.js backend initialised/);
  }
  step(`?backend=webgl: ${s.error ?? 'runs'}`);

  // Cross-origin isolated (COOP/COEP), as a site serves the page for wasm threads: the minified build starts
  // the backend's threads (examples/browser/vite.config.ts says what broke them) and trains. tfjs takes at
  // most half of navigator.hardwareConcurrency, so the page reports 4 cores to get 2 threads on any machine.
  const isolated = await serve(site, ISOLATION_HEADERS);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: 4 });
    await page.goto(`http://127.0.0.1:${isolated.address().port}/?backend=wasm`);
    await ready();
    s = await read();
    noError(s);
    assert.ok(await page.evaluate(() => window.crossOriginIsolated), 'the page is cross-origin isolated');
    assert.equal(s.tfBackend, 'wasm');
    assert.equal(s.wasmThreads, 2, 'the wasm backend runs 2 threads');
    await page.selectOption('#model', 'realnvp');
    await page.selectOption('#size', 'small');
    await page.fill('#epochs', '2');
    await page.click('#train');
    await trained();
    s = await read();
    noError(s);
    assert.equal(s.epochs.length, 2);
    checkSamples(s, 400);
    step('cross-origin isolated: wasm with 2 threads, trained 2 epochs and sampled');
  } finally {
    isolated.close();
  }

  assert.deepEqual(errors, [], 'no console errors');
  step(`passed; screenshot: ${screenshot}`);
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}

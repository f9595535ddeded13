// Threaded against single-threaded wasm in headless Chromium: the same RealNVP fit (default architecture,
// seed 1, 4000 points of the π, 60 steps) in a module worker, as the demo trains (`--page`: on the page's main
// thread), built with the demo's Vite config (scripts/bench-browser), served with and without the COOP/COEP
// headers that give the wasm backend threads. The configurations take turns, run by run; prints each run, then
// per configuration the median wall seconds per step (after 10 warm-up steps) and the browser's CPU seconds per
// fit, and the ratios. Slow and noisy on a shared machine, so not part of CI:
// `npm run bench:browser [-- --runs 3 --steps 60 --count 4000 --page]`.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { ISOLATION_HEADERS, launchChromium, serve } from './chromium.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    steps: { type: 'string', default: '60' },
    count: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '10' },
    page: { type: 'boolean', default: false },
  },
});
const [runs, steps, count, warmup] = [values.runs, values.steps, values.count, values.warmup].map(Number);
if (![runs, steps, count, warmup].every(Number.isSafeInteger) || runs < 1 || warmup < 1 || steps <= warmup) {
  throw new Error('--runs, --steps, --count and --warmup: positive integers with --steps above --warmup');
}
const fit = { steps, count, warmup, seed: 1 };

const root = resolve(import.meta.dirname, '..');
const site = join(root, '.tmp/bench-browser');
await build({
  configFile: join(root, 'examples/browser/vite.config.ts'),
  root: join(import.meta.dirname, 'bench-browser'),
  logLevel: 'warn',
  build: { outDir: site, emptyOutDir: true },
});

/** CPU seconds (user + system) of every process descended from this one: the browser and its helpers. */
function browserCpuSeconds() {
  const procs = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((pid) => {
      try {
        // Fields after the command name, which is in parentheses and may hold spaces.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
      } catch {
        return null; // exited meanwhile
      }
    })
    .filter((p) => p !== null);
  const inTree = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  const ticks = procs
    .filter((p) => p.pid !== process.pid && inTree.has(p.pid))
    .reduce((s, p) => s + p.ticks, 0);
  return ticks / 100; // USER_HZ, 100 on Linux
}

const plain = await serve(site);
const isolated = await serve(site, ISOLATION_HEADERS);
const address = (server) => `http://127.0.0.1:${server.address().port}/`;
// tfjs caps its thread pool at half of `navigator.hardwareConcurrency` (it assumes two hardware threads per
// core), so on a 2-core machine its default and even `setThreadsCount(2)` give one thread. The first
// configuration makes navigator report twice the cores (as a 2-core machine with hyper-threading would) so
// that tfjs starts 2 threads on these 2 cores.
const configs = [
  { name: 'isolated, 2 threads', server: isolated, threads: 2, reportCores: 2 * cpus().length },
  { name: 'isolated, tfjs default', server: isolated, threads: 0 },
  { name: 'not isolated', server: plain, threads: 0 },
];
const results = new Map(configs.map((c) => [c.name, []]));
const profile = await mkdtemp(join(tmpdir(), 'pointgen-bench-'));
const context = await launchChromium(profile);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
console.log(
  `bench:browser: RealNVP default, ${count} points, ${steps} steps (${warmup} warm-up), seed 1, ${runs} runs each, ` +
    `${values.page ? "on the page's main thread" : 'in a module worker'}; ` +
    `load average at start ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
);
try {
  for (let run = 1; run <= runs; run++) {
    for (const config of configs) {
      const page = await context.newPage();
      page.setDefaultTimeout(600_000);
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(address(config.server));
      await page.waitForFunction(() => window.benchReady === true);
      const cpuBefore = browserCpuSeconds();
      const args = { ...fit, threads: config.threads, reportCores: config.reportCores, onPage: values.page };
      const r = await page.evaluate((a) => (a.onPage ? window.fitOnce(a) : window.fitInWorker(a)), args);
      const cpu = browserCpuSeconds() - cpuBefore;
      await page.close();
      if (errors.length > 0) throw new Error(`${config.name}: ${errors.join('; ')}`);
      results.get(config.name).push({ ...r, cpu });
      console.log(
        `run ${run} ${config.name.padEnd(24)} isolated=${r.isolated} threads=${r.threads} ` +
          `hardwareConcurrency=${r.hardwareConcurrency}: ${r.secondsPerStep.toFixed(3)} s/step, ` +
          `fit ${r.seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`,
      );
    }
  }
} finally {
  await context.close();
  plain.close();
  isolated.close();
  await rm(profile, { recursive: true, force: true });
}

const base = median(results.get('not isolated').map((r) => r.secondsPerStep));
console.log(
  `\nmedians of ${runs} runs (load average at end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}):`,
);
for (const [name, rs] of results) {
  const perStep = median(rs.map((r) => r.secondsPerStep));
  console.log(
    `${name.padEnd(24)} threads=${rs[0].threads}: ${perStep.toFixed(3)} s/step wall, ` +
      `${median(rs.map((r) => r.cpu)).toFixed(1)} s CPU per fit; speed-up over not isolated ${(base / perStep).toFixed(2)}×`,
  );
}

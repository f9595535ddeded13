// `npx tsx bench/parallel-members.ts [--steps N]`: what training the transformer's members on both cores
// would buy, measured before building it. One process trains the default 4 members; then two processes, side
// by side, train 2 members each (the members are independent; a split fit would train each half in its own
// worker). Prints CPU and wall ms per step of each (after 5 untimed steps; built-in colour π, wasm).
import { execFileSync, spawn } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { datasets, MaskedTransformerGenerator } from '../src/index.js';
import { secondsPerStep } from './training.bench.js';

const args = process.argv.slice(2);
const stepsAt = args.indexOf('--steps');
const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : 50;
const membersAt = args.indexOf('--members');
const UNTIMED = 5;

async function trainHere(members: number): Promise<void> {
  await tf.setBackend('wasm');
  const { cpu, wall } = await secondsPerStep(
    () => new MaskedTransformerGenerator({ members }),
    datasets.coloredPi({ count: 4000, seed: 1 }),
    { untimed: UNTIMED, timed: steps - UNTIMED },
  );
  console.log(`| ${members} | ${(cpu * 1e3).toFixed(1)} | ${(wall * 1e3).toFixed(1)} |`);
}

const self = [process.execPath, ...process.execArgv, process.argv[1] as string];
const child = (members: number) => ['--steps', String(steps), '--members', String(members)];
if (membersAt >= 0) {
  await trainHere(Number(args[membersAt + 1]));
} else {
  console.log(
    `Transformer training steps on wasm, ${steps - UNTIMED} timed after ${UNTIMED}: one process with 4 members,`,
  );
  console.log('then two processes side by side with 2 members each');
  console.log('| members per process | CPU ms / step | wall ms / step |');
  console.log('| --- | --- | --- |');
  process.stdout.write(
    execFileSync(self[0] as string, [...self.slice(1), ...child(4)], { encoding: 'utf8' }),
  );
  const pair = [0, 1].map(
    () =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(self[0] as string, [...self.slice(1), ...child(2)], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        p.stdout.on('data', (d) => {
          out += d;
        });
        p.on('error', reject);
        p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      }),
  );
  for (const out of await Promise.all(pair)) process.stdout.write(out);
}

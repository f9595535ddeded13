// npm run reproduce -- [--type realnvp|masked-transformer|all] [--data DIR|FILE] [--out DIR] [--preset original]
//                      [--backend wasm|cpu|…] [--epochs N] [--seed S]
//
// Reproduces the original README's figures and the protocol's holdout table (../shared/docs/PROTOCOL.md): the
// same as `pointgen reproduce`, whose pipeline is src/cli/reproduce.ts. Without --data it trains on the
// built-in colour π; with the quiz folder it is the benchmark run.
import { processIo } from '../src/cli/io.js';
import { run } from '../src/cli/run.js';

process.exitCode = await run(['reproduce', ...process.argv.slice(2)], processIo());

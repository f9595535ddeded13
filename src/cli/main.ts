// The `pointgen` executable (dist/cli.js): everything is in run.ts, injectable and testable; this file only
// binds it to the process.
import { processIo } from './io.js';
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), processIo());

// The `pointgen` executable (dist/cli.js): everything is in run.ts, injectable and testable; this file only
// binds it to the process. No top-level await: the entry is also compiled (then dropped) in the CJS build.
import { EXIT } from './errors.js';
import { processIo } from './io.js';
import { nodeVersionProblem } from './node-version.js';
import { run } from './run.js';

const problem = nodeVersionProblem(process);
if (problem === undefined) {
  run(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
} else {
  process.stderr.write(`pointgen: ${problem}\n`);
  process.exitCode = EXIT.usage;
}

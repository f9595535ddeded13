/** The fields of `process` the check reads, so that a test can pass an older Node's. */
export interface NodeProcess {
  readonly version: string;
  readonly getBuiltinModule?: unknown;
}

/**
 * Why this Node cannot run `pointgen`, or `undefined` when it can. Saving and loading model folders reaches
 * `fs` through `process.getBuiltinModule` (Node ≥ 20.16, package.json `engines`); checked before any command
 * runs, so that an older Node is refused up front instead of failing at the save after a whole training run.
 */
export function nodeVersionProblem(p: NodeProcess): string | undefined {
  if (typeof p.getBuiltinModule === 'function') return undefined;
  return `needs Node.js 20.16 or newer (process.getBuiltinModule, to save and load models); this is ${p.version}`;
}

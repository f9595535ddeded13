import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../src/cli/node-version.js';

describe('nodeVersionProblem', () => {
  it('accepts a Node with process.getBuiltinModule (this one: engines says >= 20.16)', () => {
    expect(nodeVersionProblem(process)).toBeUndefined();
  });

  it('refuses a Node without it, naming the version needed and the one running', () => {
    expect(nodeVersionProblem({ version: 'v20.15.1' })).toBe(
      'needs Node.js 20.16 or newer (process.getBuiltinModule, to save and load models); this is v20.15.1',
    );
  });
});

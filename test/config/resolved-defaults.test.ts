import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveRealNVPConfig } from '../../src/models/realnvp/config.js';
import { resolveMaskedTransformerConfig } from '../../src/models/transformer/config.js';
import { resolveAll } from './cases.js';

// Resolved by the hand-written resolvers that the schemas replaced (main at 26b3eac), keys in order; re-recorded
// for the data fields of issue #16 only: latticeSteps 'auto' (was the quiz steps, or null for dim ≠ 5) and scale.
const snapshot = readFileSync(new URL('../fixtures/resolved-configs.json', import.meta.url), 'utf8');

describe('resolved configs', () => {
  it('equal those of the hand-written resolvers, key for key and in the same order', () => {
    expect(`${JSON.stringify(resolveAll(), null, 2)}\n`).toBe(snapshot);
  });

  it('are frozen where they hold arrays, so that a caller cannot change a preset through them', () => {
    const config = resolveMaskedTransformerConfig();
    expect(Object.isFrozen(config.order)).toBe(true);
    expect(Object.isFrozen(config.latticeSteps)).toBe(true);
    expect(Object.isFrozen(resolveRealNVPConfig().latticeSteps)).toBe(true);
  });
});

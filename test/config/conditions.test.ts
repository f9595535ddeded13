import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Outcomes, runConditions } from './cases.js';

// Outcomes of the hand-written resolvers that the schemas replaced (main at 26b3eac).
const before = JSON.parse(
  readFileSync(new URL('../fixtures/config-conditions.json', import.meta.url), 'utf8'),
) as Outcomes;

const flatten = (outcomes: Outcomes): Map<string, string> =>
  new Map(
    Object.entries(outcomes).flatMap(([group, byOutcome]) =>
      Object.entries(byOutcome).flatMap(([result, labels]) => labels.map((l) => [`${group} = ${l}`, result])),
    ),
  );

/**
 * The only changes, all of them inputs the old resolvers accepted silently (or rejected at the wrong path):
 * a non-object `training`, an unknown key in it, a non-number `validationFraction`, a non-boolean `dequantize`
 * and a null `signal`.
 */
function tightened(group: string, label: string): string | undefined {
  const model = /^(realnvp|masked-transformer) /.exec(group)?.[1];
  const field = group.slice((model?.length ?? 3) + 1);
  const nested = model ? 'options.training' : 'options';
  if (
    model === 'realnvp' &&
    field === 'preset' &&
    ['"toString"', '"__proto__"', '"constructor"'].includes(label)
  ) {
    return 'RangeError@options.preset';
  }
  if (model && field === 'training' && ['null', '3', '"ab"', '[]'].includes(label))
    return 'RangeError@options.training';
  if (field === (model ? 'training.nope' : 'nope')) return `RangeError@${nested}.nope`;
  if (
    field === (model ? 'training.validationFraction' : 'validationFraction') &&
    ['null', '[]', '"0.5"'].includes(label)
  ) {
    return `RangeError@${nested}.validationFraction`;
  }
  if (!model && field === 'dequantize' && !['undefined', 'true'].includes(label))
    return 'RangeError@options.dequantize';
  if (!model && field === 'signal' && label === 'null') return 'TypeError@options.signal';
  return undefined;
}

/**
 * Inputs now accepted: lattice steps are in the data's units (issue #16), so a step wider than half the unit box,
 * or one too fine for the transformer's bins, is refused once the data's box is known (at construction with an
 * explicit box or `scale: 'none'`, else by `fit`), not by the config.
 */
function loosened(group: string, label: string): string | undefined {
  if (!/^(realnvp|masked-transformer) latticeSteps$/.test(group)) return undefined;
  if (label === '[0.6,0.1,0.1,0.1,0.1]') return 'ok';
  return group.startsWith('masked-transformer') && label === '[0.000001,0.1,0.1,0.1,0.1]' ? 'ok' : undefined;
}

describe('config error conditions', () => {
  it('are those of the hand-written resolvers, but for a few inputs they let through (and steps in data units)', () => {
    const old = flatten(before);
    const now = flatten(runConditions());
    expect(now.size).toBe(old.size);
    const changed: string[] = [];
    for (const [name, result] of now) {
      const [group, label] = name.split(' = ') as [string, string];
      const expected = tightened(group, label) ?? loosened(group, label) ?? old.get(name);
      if (result !== expected) changed.push(`${name}: ${old.get(name)} → ${result} (expected ${expected})`);
    }
    expect(changed).toEqual([]);
  });
});

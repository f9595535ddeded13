import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOLDOUT_ANCHORS, ORIGINAL_README_FIGURES, SEED_QUALITY_NLL } from '../../src/cli/anchors.js';

// The tables print docs/reference-figures.json; docs/protocol.md explains the same figures to readers.
const protocol = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
const signed = (v: number, digits: number) => v.toFixed(digits).replace('-', '−');

describe('the reference figures', () => {
  it('are the ones docs/protocol.md gives, row by row', () => {
    const rows = protocol
      .split('\n')
      .filter((line) => line.startsWith('| the original') || /^\| scikit/.test(line));
    expect(rows).toHaveLength(HOLDOUT_ANCHORS.length);
    HOLDOUT_ANCHORS.forEach((a, i) => {
      const cells = (rows[i] as string).split('|').map((c) => c.trim());
      expect(cells.slice(2, 8)).toEqual([
        `${a.fitSeconds} s`,
        signed(a.testNll, 2),
        a.mmdRatio.toFixed(2),
        `${a.w1Ratio.x.toFixed(2)} / ${a.w1Ratio.y.toFixed(2)}`,
        a.c2st.toFixed(3),
        a.dcrRatio.toFixed(2),
      ]);
    });
    expect(SEED_QUALITY_NLL).toBe(HOLDOUT_ANCHORS[0]?.testNll);
  });

  it("give the original README's MMD and KL figures that docs/protocol.md quotes", () => {
    for (const [name, f] of [
      ['RealNVP', ORIGINAL_README_FIGURES.realnvp],
      ['MaskedTransformer', ORIGINAL_README_FIGURES['masked-transformer']],
    ] as const) {
      expect(protocol).toContain(`${name} MMD ${f?.mmd}, KL x ${f?.kl.x} / y ${f?.kl.y}`);
    }
  });
});

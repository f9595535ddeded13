// Every `@example` in src/metrics runs: the code blocks are taken from the doc comments, `pointgen/metrics`
// imports are bound to the source module, and lines of the form `expr; // <number or true/false> …` are checked
// to the precision written (a comment starting with ≈ or text is not checked).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/metrics/index.js';
import { docExamples } from '../snippets.js';

const SRC = fileURLToPath(new URL('../../src/metrics/', import.meta.url));
const CHECKED = /^(\s*)(.+?);\s*\/\/\s*(-?\d+(?:\.\d+)?|true|false)(?=$|[\s:;,(])/;

function instrument(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const imported = line.match(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'pointgen\/metrics';$/);
      if (imported) {
        if (imported[1]) return '';
        const names = (imported[2] as string)
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n && !n.startsWith('type '));
        return `const { ${names.join(', ')} } = __metrics;`;
      }
      const checked = line.match(CHECKED);
      if (!checked) return line;
      const [, indent, expr, expected] = checked;
      return `${indent}__check(${expr}, ${JSON.stringify(expected)}, ${JSON.stringify(line.trim())});`;
    })
    .join('\n');
}

function check(actual: unknown, expected: string, line: string): void {
  if (expected === 'true' || expected === 'false') {
    expect(actual, line).toBe(expected === 'true');
    return;
  }
  const decimals = expected.split('.')[1]?.length ?? 0;
  expect(typeof actual, line).toBe('number');
  expect(Math.abs((actual as number) - Number(expected)), line).toBeLessThanOrEqual(
    decimals === 0 ? 1e-12 * Math.max(1, Math.abs(Number(expected))) : 0.5 * 10 ** -decimals,
  );
}

const all = docExamples(SRC);

describe('doc examples in src/metrics', () => {
  it('every public export has one', () => {
    const text = readdirSync(SRC)
      .map((f) => readFileSync(join(SRC, f), 'utf8'))
      .join('\n');
    // Types vanish at run time, so their names come from the index's exports from this folder.
    const index = readFileSync(join(SRC, 'index.ts'), 'utf8');
    const local = [...index.matchAll(/export (?:type )?\{([^}]*)\} from '\.\/[^']+'/g)].flatMap((m) =>
      (m[1] as string)
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    );
    const runtime = Object.keys(metrics).filter((n) => n !== 'InvalidPointsError');
    expect(local.map((n) => n.replace('type ', ''))).toEqual(expect.arrayContaining(runtime));
    for (const entry of local) {
      const name = entry.replace('type ', '');
      const kind = entry.startsWith('type ') ? '(?:interface|type)' : '(?:const|function|class)';
      // The @example must sit in the comment right above the declaration (no `*/` in between).
      const declaration = new RegExp(`@example(?:(?!\\*/)[\\s\\S])*\\*/\\s*export ${kind} ${name}\\b`);
      expect(text, name).toMatch(declaration);
    }
  });

  for (const { name, code } of all) {
    const firstLine = code.split('\n').find((l) => !l.startsWith('import')) ?? '';
    it(`${name}: ${firstLine.slice(0, 70)}`, async () => {
      const js = (await transform(instrument(code), { loader: 'ts' })).code;
      const silent = { log: () => {} };
      new Function('__metrics', '__check', 'console', js)(metrics, check, silent);
    });
  }
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownSnippets, ROOT, typeCheckSnippets } from '../snippets.js';

describe('docs/*.md', () => {
  it('every ts code block type-checks against the sources, as a user of the package would import them', () => {
    const blocks = markdownSnippets(join(ROOT, 'docs'));
    expect(blocks.length).toBeGreaterThan(10);
    // Inside the repository, so that the snippets resolve `@tensorflow/*` from its node_modules.
    expect(typeCheckSnippets(blocks, join(ROOT, '.tmp', `doc-snippets-${process.pid}`))).toEqual([]);
  }, 120_000);
});

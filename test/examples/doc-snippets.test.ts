import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const docs = join(root, 'docs');
// Inside the repository, so that the snippets resolve `@tensorflow/*` from its node_modules.
const scratch = join(root, '.tmp', `doc-snippets-${process.pid}`);

/** Every ```ts block of docs/*.md, named `<guide>.md#<n>`. */
function snippets(): { name: string; code: string }[] {
  return readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((file) =>
      [...readFileSync(join(docs, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
        name: `${file}#${i + 1}`,
        code: m[1] as string,
      })),
    );
}

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('docs/*.md', () => {
  it('every ts code block type-checks against the sources, as a user of the package would import them', () => {
    const blocks = snippets();
    expect(blocks.length).toBeGreaterThan(10);
    mkdirSync(scratch, { recursive: true });
    const files = blocks.map(({ name, code }, i) => {
      const path = join(scratch, `${i}.ts`);
      // `export {}` makes each block a module, as top-level await needs.
      writeFileSync(path, `${code}\nexport {};\n`);
      return { name, path };
    });
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(
      files.map((f) => f.path),
      {
        ...options,
        noEmit: true,
        types: ['node', 'vite/client'],
        paths: {
          pointgen: [join(root, 'src/index.ts')],
          'pointgen/metrics': [join(root, 'src/metrics/index.ts')],
          'pointgen/node': [join(root, 'src/node/index.ts')],
        },
      },
    );
    // Diagnostics of the snippets only: the sources themselves are `npm run typecheck`'s job.
    const diagnostics = files.flatMap((f) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(f.path)),
    );
    const errors = diagnostics.map((d) => {
      const where = files.find((f) => f.path === d.file?.fileName)?.name ?? d.file?.fileName ?? '';
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `${where}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  }, 120_000);
});

// Code blocks of the docs and of doc comments, type-checked as a user's modules would be: `pointgen`,
// `pointgen/metrics`, … bound to the sources.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '..');

/** One code block: its name in reports, its code, and the source file it documents, if any. */
export interface Snippet {
  readonly name: string;
  readonly code: string;
  /** The file the snippet documents, whose own exports it may use unimported. */
  readonly source?: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every ```ts block of the Markdown files in `dir`, named `<file>#<n>`. */
export function markdownSnippets(dir: string): Snippet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
        name: `${file}#${i + 1}`,
        code: m[1] as string,
      })),
    );
}

/** Every fenced ts block of an `@example` in the doc comments of the .ts files under `dir`, `<file>#<n>`. */
export function docExamples(dir: string): Snippet[] {
  return walk(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map(
        (m, i) => ({
          name: `${relative(ROOT, file)}#${i + 1}`,
          code: (m[1] as string).replace(/^\s*\* ?/gm, ''),
          source: file,
        }),
      ),
    );
}

const EXPORTED =
  /^export (?:declare )?(?:async )?(?:function\*?|const|let|class|abstract class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm;

/** True when `code` uses `name` without importing or declaring it. */
function usesUnbound(code: string, name: string): boolean {
  const word = `\\b${name.replace('$', '\\$')}\\b`;
  return (
    new RegExp(word).test(code) &&
    !new RegExp(
      `(import[^;]*${word}|(const|let|var|function|class|type|interface) ${word}|\\{[^}]*${word}[^}]*\\} =)`,
    ).test(code)
  );
}

/**
 * A doc comment's example with the imports it takes as read: `tf`, the names of its own source file, and
 * pointgen's public values (the example of a function often calls it unimported). Markdown blocks stay as
 * they are: a user copies them whole.
 */
function withImports(snippet: Snippet, publicValues: readonly string[]): string {
  if (!snippet.source) return snippet.code;
  const lines: string[] = [];
  if (usesUnbound(snippet.code, 'tf')) lines.push(`import * as tf from '@tensorflow/tfjs-core';`);
  const own = [...readFileSync(snippet.source, 'utf8').matchAll(EXPORTED)].filter((m) =>
    usesUnbound(snippet.code, m[1] as string),
  );
  const taken = new Set(own.map((m) => m[1] as string));
  // An overloaded function matches once per signature: import it once.
  const names = [
    ...new Set(own.map((m) => (/(interface|type) /.test(m[0]) ? `type ${m[1]}` : (m[1] as string)))),
  ];
  if (names.length > 0)
    lines.push(`import { ${names.join(', ')} } from '${snippet.source.replace(/\.ts$/, '.js')}';`);
  const fromIndex = publicValues.filter((n) => !taken.has(n) && usesUnbound(snippet.code, n));
  if (fromIndex.length > 0) lines.push(`import { ${fromIndex.join(', ')} } from 'pointgen';`);
  // An internal module's example imports its neighbours as the module itself does, relative to its file.
  const dir = dirname(snippet.source);
  const code = snippet.code.replace(
    /from '(\.\.?\/[^']+)'/g,
    (_, spec: string) => `from '${resolve(dir, spec)}'`,
  );
  return [...lines, code].join('\n');
}

/**
 * Type-checks `snippets` as a user's modules would be (`pointgen`, `pointgen/metrics`, … bound to the sources),
 * with `ambient` declaring the free names that examples take as given; returns one line per error.
 */
export function typeCheckSnippets(
  snippets: readonly Snippet[],
  scratch: string,
  ambient = '',
  publicValues: readonly string[] = [],
): string[] {
  mkdirSync(scratch, { recursive: true });
  try {
    return check(snippets, scratch, ambient, publicValues);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// Every entry point of package.json's exports, `./x` being built from src/x/index.ts.
const SUBPATHS: Record<string, string[]> = Object.fromEntries(
  Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).exports as Record<string, unknown>)
    .filter((key) => key !== './package.json')
    .map((key) => [
      key === '.' ? 'pointgen' : `pointgen/${key.slice(2)}`,
      [join(ROOT, 'src', key === '.' ? 'index.ts' : `${key.slice(2)}/index.ts`)],
    ]),
);

function check(
  snippets: readonly Snippet[],
  scratch: string,
  ambient: string,
  publicValues: readonly string[],
): string[] {
  const files = snippets.map((s, i) => {
    const path = join(scratch, `${i}.ts`);
    // `export {}` makes each block a module, as top-level await needs.
    writeFileSync(path, `${withImports(s, publicValues)}\nexport {};\n`);
    return { name: s.name, path };
  });
  const roots = files.map((f) => f.path);
  if (ambient) {
    const path = join(scratch, 'ambient.d.ts');
    writeFileSync(path, ambient);
    roots.push(path);
  }
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(roots, {
    ...options,
    noEmit: true,
    types: ['node', 'vite/client'],
    paths: SUBPATHS,
  });
  const errors = files.flatMap((f) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(f.path)).map((d) => {
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `${f.name}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    }),
  );
  return errors;
}

// Every page and member section of the API docs shows an example (the date-fns way: one on every export),
// read from typedoc's own model of the docs, so that what is checked is what `npm run docs` renders. A member
// counts with the comment typedoc shows for it: its own, or the one it inherits from a base class or an
// implemented interface. Members that come from the platform (`Error`'s `message`, `stack` …) are
// documented there.
import { join, sep } from 'node:path';
import {
  Application,
  type Comment,
  type DeclarationReflection,
  type ProjectReflection,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../snippets.js';

/** The kinds of export that have a page of their own, and of member that a class page has a section for. */
const PAGES =
  ReflectionKind.Function |
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Variable |
  ReflectionKind.Enum |
  ReflectionKind.Namespace;
const CLASS_MEMBERS =
  ReflectionKind.Constructor | ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor;

const hasExample = (comment: Comment | undefined) => comment?.getTag('@example') !== undefined;

/** True when the page or section of `r` shows an example: every call signature of it has one, or `r` does. */
function showsExample(r: DeclarationReflection): boolean {
  const signatures = [...(r.signatures ?? []), ...(r.getSignature ? [r.getSignature] : [])];
  if (hasExample(r.comment)) return true;
  return signatures.length > 0 && signatures.every((s) => hasExample(s.comment));
}

/**
 * How many pages and sections there are, and the qualified names (`metrics.mmd`, `Scaler.transform`) of those
 * without an example.
 */
function withoutExample(project: ProjectReflection): { checked: number; missing: string[] } {
  const fromSrc = (r: DeclarationReflection) =>
    project.getSymbolIdFromReflection(r)?.fileName?.startsWith(join(ROOT, 'src') + sep) ?? true;
  const missing: string[] = [];
  let checked = 0;
  const check = (r: DeclarationReflection, name: string) => {
    checked++;
    if (!showsExample(r)) missing.push(name);
  };
  const visit = (container: DeclarationReflection | ProjectReflection, prefix: string) => {
    for (const child of container.children ?? []) {
      const name = `${prefix}${child.name}`;
      if (child.kindOf(ReflectionKind.Module)) visit(child, `${name}.`);
      if (!child.kindOf(PAGES)) continue;
      check(child, name);
      if (child.kindOf(ReflectionKind.Namespace)) visit(child, `${name}.`);
      if (!child.kindOf(ReflectionKind.Class)) continue;
      for (const member of child.children ?? []) {
        if (member.kindOf(CLASS_MEMBERS) && fromSrc(member)) check(member, `${name}.${member.name}`);
      }
    }
  };
  visit(project, '');
  return { checked, missing };
}

describe('API docs (typedoc.json)', () => {
  it('show an example on every exported page and on every class member', async () => {
    const app = await Application.bootstrap(
      { options: join(ROOT, 'typedoc.json'), logLevel: 'Error', skipErrorChecking: true },
      [new TypeDocReader(), new TSConfigReader()],
    );
    const project = await app.convert();
    expect(project).toBeDefined();
    const { checked, missing } = withoutExample(project as ProjectReflection);
    console.log(`API doc pages and sections without an @example: ${missing.length} of ${checked}`);
    // A floor, so that a change in how typedoc is read cannot make the check pass on nothing.
    expect(checked).toBeGreaterThan(250);
    expect(missing).toEqual([]);
  }, 120_000);
});

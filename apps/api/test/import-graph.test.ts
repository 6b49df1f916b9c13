import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCycle, importCycles, importGraph, sourceFiles, workspaceEntries } from './support/import-graph';

const REPO = join(import.meta.dirname, '../../..');
const API_SRC = join(import.meta.dirname, '../src');

describe('import graph', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'moim-import-graph-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds a cycle made of type-only imports, re-exports and a workspace package entry (the check can fail)', () => {
    mkdirSync(join(scratch, 'pkg/src'), { recursive: true });
    writeFileSync(join(scratch, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
    writeFileSync(join(scratch, 'b.ts'), "export { c } from './c.js';\nexport type B = string;\n");
    writeFileSync(join(scratch, 'c.ts'), "import { p } from '@moim/pkg';\nexport const c = p;\n");
    writeFileSync(join(scratch, 'pkg/src/index.ts'), "// import './not-this'\nimport type { A } from '../../a';\nexport const p = 1 as unknown as A;\n");
    writeFileSync(join(scratch, 'd.ts'), "import { c } from './c';\nexport const d = c;\n");
    const files = sourceFiles(scratch);
    const cycles = importCycles(importGraph(files, new Map([['@moim/pkg', join(scratch, 'pkg/src/index.ts')]])));
    expect(cycles.map((c) => describeCycle(c, scratch))).toEqual([['a.ts', 'b.ts', 'c.ts', 'pkg/src/index.ts', 'a.ts'].join(' -> ')]);
    expect(importCycles(importGraph(files))).toEqual([]); // without the package entry there is no loop
  });

  it('has no cycle inside apps/api/src', () => {
    const files = sourceFiles(API_SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(importCycles(importGraph(files)).map((c) => describeCycle(c, REPO))).toEqual([]);
  });

  it("has no cycle in the whole repository's TypeScript sources, across packages too", () => {
    const files = ['apps', 'packages', 'tooling', 'test', 'scripts'].flatMap((d) => sourceFiles(join(REPO, d)));
    const packages = workspaceEntries(REPO);
    expect(packages.get('@moim/db/testing')).toBe(join(REPO, 'packages/db/src/testing.ts'));
    const graph = importGraph(files, packages);
    expect([...graph.values()].reduce((n, targets) => n + targets.length, 0)).toBeGreaterThan(500);
    expect(importCycles(graph).map((c) => describeCycle(c, REPO))).toEqual([]);
  });
});

describe('apps/api layers', () => {
  const files = sourceFiles(API_SRC).filter((f) => !f.endsWith('.test.ts'));
  const graph = importGraph(files);
  const area = (file: string) => relative(API_SRC, file).split(sep)[0]!;
  const bare = (file: string) =>
    ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName).filter((s) => !s.startsWith('.'));
  /** Feature services and their helpers: every file of a module but its resolvers and its HTTP route. */
  const belowTheEdge = files.filter((f) => {
    const at = area(f);
    if (at === 'errors' || at === 'common') return true;
    return at === 'modules' && !/[/\\](resolvers|upload-route)\.ts$/.test(f);
  });

  it('services, domain errors and common helpers import neither the GraphQL nor the HTTP layer', () => {
    expect(belowTheEdge.length).toBeGreaterThan(20);
    const offending = belowTheEdge.flatMap((f) => [
      ...(graph.get(f) ?? []).filter((t) => ['graphql', 'http', 'generated'].includes(area(t))).map((t) => `${relative(API_SRC, f)} -> ${relative(API_SRC, t)}`),
      ...bare(f).filter((s) => /^(graphql|@apollo\/|fastify|@fastify\/|@as-integrations\/)/.test(s)).map((s) => `${relative(API_SRC, f)} -> ${s}`),
    ]);
    expect(offending).toEqual([]);
  });

  it('domain errors and common helpers import no feature module', () => {
    const offending = files
      .filter((f) => ['errors', 'common'].includes(area(f)))
      .flatMap((f) => (graph.get(f) ?? []).filter((t) => area(t) === 'modules').map((t) => `${relative(API_SRC, f)} -> ${relative(API_SRC, t)}`));
    expect(offending).toEqual([]);
  });
});

// The import graph of TypeScript sources, read with the TypeScript compiler's own pre-processor (every `import`,
// `import type`, `export … from`, `import()` and `require()`), and its cycles. Relative specifiers resolve to
// files; `@moim/*` specifiers resolve through the workspace packages' `exports`, so cycles across packages count.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'generated', 'dist', '.data', '.turbo', '.git', 'coverage']);
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx'];

export type ImportGraph = Map<string, string[]>;

/** Every TypeScript source file under `dir` (generated code, builds and dependencies left out). */
export function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...sourceFiles(join(dir, entry.name)));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(join(dir, entry.name));
    }
  }
  return files.sort();
}

/** `@moim/name` and `@moim/name/sub` → file, from each workspace package's package.json `exports`. */
export function workspaceEntries(repoRoot: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const group of ['apps', 'packages', 'tooling', '.']) {
    const base = join(repoRoot, group);
    const dirs = group === '.' ? [join(repoRoot, 'test')] : readdirSync(base).map((d) => join(base, d));
    for (const dir of dirs) {
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; exports?: unknown };
      if (!pkg.name || pkg.exports === undefined) continue;
      const exports = typeof pkg.exports === 'string' ? { '.': pkg.exports } : (pkg.exports as Record<string, unknown>);
      for (const [subpath, target] of Object.entries(exports)) {
        const file = typeof target === 'string' ? target : ((target as Record<string, string>).import ?? (target as Record<string, string>).default);
        if (typeof file === 'string') entries.set(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`, resolve(dir, file));
      }
    }
  }
  return entries;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  const candidates = [target, ...EXTENSIONS.map((e) => target + e), target.replace(/\.(m|c)?js$/, '.$1ts')];
  return candidates.find((c) => SOURCE.test(c) && existsSync(c) && statSync(c).isFile());
}

/** The graph over `files`: each file with the files (of the same set) it imports. */
export function importGraph(files: readonly string[], packages: ReadonlyMap<string, string> = new Map()): ImportGraph {
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => (fileName.startsWith('.') ? resolveRelative(file, fileName) : packages.get(fileName)))
      .filter((t): t is string => t !== undefined && known.has(t));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every import cycle, one per strongly connected component (Tarjan), each as a path that closes on its start. */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((c) => cyclePath(graph, new Set(c)));
}

/** One concrete loop inside a strongly connected component, for the failure message. */
function cyclePath(graph: ImportGraph, members: ReadonlySet<string>): string[] {
  const start = [...members].sort()[0]!;
  const seen = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const path = [start];
        for (let u: string | null = v; u !== null && u !== start; u = seen.get(u) ?? null) path.splice(1, 0, u);
        return [...path, start];
      }
      if (members.has(w) && !seen.has(w)) {
        seen.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** A cycle as `a.ts -> b.ts -> a.ts`, paths relative to `root`. */
export function describeCycle(cycle: readonly string[], root: string): string {
  return cycle.map((f) => relative(root, f)).join(' -> ');
}

// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by area (package or
// node internals), self time by function, and inclusive time of chosen functions (each sample counted once).
import { readFile } from 'node:fs/promises';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Wall time the profile covers, ms. */
  wallMs: number;
  /** Sampled time that was not idle, ms. */
  busyMs: number;
  byArea: [string, number][];
  byFunction: [string, number][];
  inclusive: [string, number][];
}

/** The area a frame belongs to: the package in node_modules, the workspace package, or a V8 / Node bucket. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return 'V8 (program)';
    return `native ${functionName || '(anonymous)'}`;
  }
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const workspace = /\/(apps|packages)\/([^/]+)\/(src|bench)\/(?:([^/]+)\/)?/.exec(url);
  if (workspace) return workspace[4] && !workspace[4].includes('.') ? `${workspace[2]}/${workspace[4]}` : workspace[2]!;
  if (url.startsWith('node:')) {
    const internal = /^node:(?:internal\/)?([^/]+)/.exec(url)?.[1] ?? url;
    return `node:${internal}`;
  }
  return url;
}

const label = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^.*\/(apps|packages)\//, '$1/')}:${f.lineNumber + 1}`;

/**
 * `inclusiveOf` names functions (as `functionName` or `functionName@urlPart`) whose inclusive time is wanted:
 * a sample counts for a name when the name is anywhere on its stack.
 */
export async function summarizeProfile(
  path: string,
  options: { inclusiveOf?: string[]; top?: number } = {},
): Promise<ProfileSummary> {
  const { inclusiveOf = [], top = 25 } = options;
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const area = new Map<string, number>();
  const fn = new Map<string, number>();
  const incl = new Map<string, number>(inclusiveOf.map((k) => [k, 0]));
  const matchers = inclusiveOf.map((k) => {
    const [name, urlPart] = k.split('@');
    return (f: CallFrame) => f.functionName === name && (urlPart === undefined || f.url.includes(urlPart));
  });
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]!)!;
    const a = areaOf(node.callFrame);
    area.set(a, (area.get(a) ?? 0) + dt);
    if (a === '(idle)') continue;
    busy += dt;
    const l = label(node.callFrame);
    fn.set(l, (fn.get(l) ?? 0) + dt);
    if (matchers.length === 0) continue;
    const hit = new Set<number>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      matchers.forEach((m, j) => {
        if (m(frame)) hit.add(j);
      });
    }
    for (const j of hit) incl.set(inclusiveOf[j]!, incl.get(inclusiveOf[j]!)! + dt);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]);
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy,
    byArea: sorted(area),
    byFunction: sorted(fn).slice(0, top),
    inclusive: [...incl],
  };
}

// pnpm --filter @moim/api exec tsx bench/compare-commits.ts — the bench:api gate of issue 11: recommendOpenings
// req/s of this checkout against an older commit's API, both on the same database of 100,000 openings, at
// concurrency 8, printed in one run. Figures plus a verdict (exit 1 when this checkout is more than 5 % slower in
// total requests). On a shared machine look at the per-round ratios too: the rounds alternate, so load hits both sides.
// The older commit is unpacked with `git archive` under /tmp and installed there (never committed, reused by the
// next run). Options (env):
//   COMPARE_BEFORE       commit to compare with (default fa0e984: main before the Fastify merge 7979144)
//   COMPARE_BEFORE_DIR   an installed checkout of it to use instead (default /tmp/moim-compare-<commit>)
//   BENCH_OPENINGS (100000), COMPARE_CONCURRENCY (8), COMPARE_ROUNDS (6), COMPARE_SECONDS per round and side (15),
//   COMPARE_MAX_LOSS (0.05), MOIM_MODEL_DIR (default: the shipped model)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR, loadEmbedder } from '@moim/embedder';
import { EmbeddingService, markActive, registerServingModel } from '../src/modules/embedding/service';
import { OpeningsService } from '../src/modules/openings/service';
import { spawnApi, type ChildApi } from '../src/testing';
import { benchOpenings, benchProfiles } from './data';
import { graphqlLoad, loadOpenings, ms, progress } from './harness';

const BEFORE = process.env.COMPARE_BEFORE ?? 'fa0e984';
const N = Number(process.env.BENCH_OPENINGS ?? 100_000);
const CONCURRENCY = Number(process.env.COMPARE_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 6);
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 15);
const MAX_LOSS = Number(process.env.COMPARE_MAX_LOSS ?? 0.05);
const FIRST = 10;
const modelDir = process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR;
const repo = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: import.meta.dirname, encoding: 'utf8' }).trim();

/** An installed checkout of `rev` under /tmp: unpacked with git archive (no worktree, nothing to commit), installed once. */
function checkoutOf(rev: string): { dir: string; commit: string } {
  const commit = execFileSync('git', ['rev-parse', '--short=12', `${rev}^{commit}`], { cwd: repo, encoding: 'utf8' }).trim();
  if (process.env.COMPARE_BEFORE_DIR) return { dir: process.env.COMPARE_BEFORE_DIR, commit };
  const dir = `/tmp/moim-compare-${commit}`;
  const installed = join(dir, '.compare-installed');
  if (!existsSync(installed)) {
    progress(`unpacking ${commit} into ${dir} and installing it`);
    mkdirSync(dir, { recursive: true });
    execFileSync('bash', ['-c', `git -C "${repo}" archive ${commit} | tar -x -C "${dir}"`], { stdio: 'inherit' });
    execFileSync('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('pnpm', ['--filter', '@moim/api', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(installed, `${commit}\n`);
  }
  return { dir, commit };
}

async function measure(api: ChildApi, bodies: string[], seconds: number) {
  const { requests, p50, p99, errors } = await graphqlLoad(api.url, bodies, CONCURRENCY, seconds);
  return { requests, seconds, p50, p99, errors };
}

async function main() {
  const before = checkoutOf(BEFORE);
  const after = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'packages'], { cwd: repo, encoding: 'utf8' }).trim() !== '';
  const testDb = await createTestDatabase({ poolSize: 10 });
  const apis: ChildApi[] = [];
  try {
    console.log(`# recommendOpenings req/s, before (${before.commit}) vs after (${after}${dirty ? ' + uncommitted changes' : ''}) — ${new Date().toISOString()}`);
    const embedder = await loadEmbedder({ modelDir, threads: 2 });
    const serving = await registerServingModel(testDb, embedder);
    await markActive(testDb, serving.modelKey);
    const openings = new OpeningsService({ db: testDb, embedding: new EmbeddingService(serving) });
    const loaded = await loadOpenings(openings, embedder, benchOpenings(N, 1), { onProgress: (step, done, total) => progress(`${step} ${done}/${total}`) });
    await embedder.close();
    await testDb.prisma.$executeRaw`ANALYZE openings`;
    await testDb.prisma.$executeRaw`ANALYZE opening_embeddings`;
    console.log(`${N} openings (${loaded.distinctSentences} distinct sentences) in ${testDb.databaseName}, model ${serving.modelId}`);

    // Both APIs on the same database and model, each as its own process, started and warmed up before any round.
    const start = async (name: 'before' | 'after', apiDir?: string) => {
      const api = await spawnApi({ ...(apiDir ? { apiDir } : {}), database: { url: testDb.databaseUrl }, env: { MOIM_MODEL_DIR: modelDir }, readyTimeoutMs: 600_000 });
      apis.push(api);
      return { name, api };
    };
    const sides = [await start('before', join(before.dir, 'apps/api')), await start('after')];
    const query = `query Rec($p: ProfileInput!) { recommendOpenings(profile: $p, first: ${FIRST}) { score similarity reasons { code message } opening { id title region stacks } } }`;
    const bodies = benchProfiles(64, 2).map((p) => JSON.stringify({ query, variables: { p }, operationName: 'Rec' }));
    for (const { api } of sides) {
      for (const body of bodies) {
        const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = (await res.json()) as any;
        if (res.status !== 200 || answer.errors || answer.data?.recommendOpenings?.length !== FIRST) throw new Error(`warm-up answer: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
      await measure(api, bodies, 3);
    }

    // Rounds alternate the sides (and which goes first), so drift in the machine's load hits both alike.
    console.log(`\nconcurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${SECONDS} s per side\n`);
    console.log('| round | before req/s | after req/s | after ÷ before | before p50 / p99 | after p50 / p99 |');
    console.log('|---|---|---|---|---|---|');
    const totals = { before: { requests: 0, seconds: 0, errors: 0 }, after: { requests: 0, seconds: 0, errors: 0 } };
    const ratios: number[] = [];
    const loadBefore = loadavg()[0]!;
    for (let round = 1; round <= ROUNDS; round++) {
      const figures: Record<string, Awaited<ReturnType<typeof measure>>> = {};
      for (const side of round % 2 === 1 ? sides : [...sides].reverse()) {
        figures[side.name] = await measure(side.api, bodies, SECONDS);
        const total = totals[side.name];
        total.requests += figures[side.name]!.requests;
        total.seconds += SECONDS;
        total.errors += figures[side.name]!.errors;
      }
      const b = figures.before!;
      const a = figures.after!;
      ratios.push(a.requests / b.requests);
      console.log(
        `| ${round} | ${(b.requests / SECONDS).toFixed(0)} | ${(a.requests / SECONDS).toFixed(0)} | ${(a.requests / b.requests).toFixed(3)} | ${ms(b.p50)} / ${ms(b.p99)} | ${ms(a.p50)} / ${ms(a.p99)} |`,
      );
    }
    const beforeRps = totals.before.requests / totals.before.seconds;
    const afterRps = totals.after.requests / totals.after.seconds;
    const ratio = afterRps / beforeRps;
    const sorted = [...ratios].sort((x, y) => x - y);
    const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
    console.log(
      `\nbefore ${beforeRps.toFixed(1)} req/s (${totals.before.requests} requests, ${totals.before.errors} errors), ` +
        `after ${afterRps.toFixed(1)} req/s (${totals.after.requests} requests, ${totals.after.errors} errors): after ÷ before = ${ratio.toFixed(3)} ` +
        `(per round: median ${median.toFixed(3)}, ${sorted[0]!.toFixed(3)}–${sorted.at(-1)!.toFixed(3)}); load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );
    const pass = ratio >= 1 - MAX_LOSS && totals.before.errors + totals.after.errors === 0;
    console.log(pass ? `PASS: after loses at most ${MAX_LOSS * 100} % req/s` : `FAIL: after must reach ${((1 - MAX_LOSS) * 100).toFixed(0)} % of before's req/s with no errors`);
    if (!pass) process.exitCode = 1;
  } finally {
    for (const api of apis) await api.close();
    await testDb.close();
  }
}

await main();

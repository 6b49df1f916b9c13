// pnpm --filter @moim/api bench:faults — PostgreSQL stops in the middle of a large upload and comes back.
// Uses its OWN throwaway cluster (scripts/db/up.sh with MOIM_PG_DIR/MOIM_PG_PORT), never the shared one.
// Prints what the API answered while the database was down, whether it recovered by itself, and the counts after
// re-uploading the same file (no duplicates, nothing lost). Figures, not a test.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR } from '@moim/embedder';
import { benchOpenings } from './data';

const ROWS = Number(process.env.FAULT_ROWS ?? 20_000);
const PG_DIR = '/tmp/moim-api-faults-pg';
const PG_PORT = '54341';
const repo = join(import.meta.dirname, '../../..');
const apiDir = join(import.meta.dirname, '..');
const hasOnnx = (d: string) => existsSync(join(d, 'onnx/model.onnx')) || existsSync(join(d, 'model.onnx'));
const modelDir = process.env.MOIM_MODEL_DIR ?? (hasOnnx(DEFAULT_MODEL_DIR) ? DEFAULT_MODEL_DIR : join(apiDir, 'test/.generated/api-model-a'));
const env = { ...process.env, MOIM_PG_DIR: PG_DIR, MOIM_PG_PORT: PG_PORT };
const dbUp = () => /DATABASE_URL=(\S+)/.exec(execFileSync('bash', [join(repo, 'scripts/db/up.sh')], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))![1]!;
const dbDown = (purge = false) => execFileSync('bash', [join(repo, 'scripts/db/down.sh'), ...(purge ? ['--purge'] : [])], { env, stdio: 'ignore' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

const url = dbUp();
const KEY = `fault-admin-${randomBytes(8).toString('hex')}`;
const PORT = 4700 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${PORT}`;
const api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: apiDir,
  env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'error', PORT: String(PORT), DATABASE_URL: url, MOIM_MODEL_DIR: modelDir, MOIM_ADMIN_KEY: KEY, MOIM_DEMO_DATA: 'false', RATE_LIMIT_PER_MINUTE_IP: '0', RATE_LIMIT_PER_MINUTE_KEY: '0' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as any };
};
const ready = async () => {
  try {
    return (await fetch(`${base}/readyz`)).status;
  } catch {
    return 0;
  }
};
const counts = async () => (await gql(`{ all: openings(filter: { text: "벤치마크" }) { totalCount } }`)).body.data?.all.totalCount;

try {
  while ((await ready()) !== 200) await sleep(300);
  const file = benchOpenings(ROWS, 7).map((r) => JSON.stringify(r)).join('\n');
  const upload = () =>
    fetch(`${base}/admin/openings/import`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEY}` }, body: file }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as any }),
      (error: unknown) => ({ status: 0, body: { error: String(error) } }),
    );
  log(`uploading ${ROWS} openings (JSON Lines), stopping PostgreSQL once some are stored`);
  const first = upload();
  for (;;) {
    await sleep(500);
    const n = await counts();
    if (n > 0) {
      log(`stored so far: ${n}; stopping PostgreSQL`);
      break;
    }
  }
  dbDown();
  const firstResult = await first;
  log(`upload answered HTTP ${firstResult.status}: ${JSON.stringify(firstResult.body).slice(0, 300)}`);
  const down = await gql(`{ openings(first: 1) { totalCount } }`);
  log(`query while down: HTTP ${down.status}, ${JSON.stringify(down.body.errors?.[0] ?? down.body).slice(0, 200)}`);
  log(`/readyz while down: ${await ready()}`);
  dbUp();
  const t0 = Date.now();
  while ((await ready()) !== 200) await sleep(200);
  log(`PostgreSQL back; /readyz 200 after ${((Date.now() - t0) / 1000).toFixed(1)} s without restarting the API`);
  const partial = await counts();
  log(`openings stored before the fault: ${partial}`);
  const second = await upload();
  log(`re-upload of the same file: HTTP ${second.status}, created ${second.body.created}, updated ${second.body.updated}, failed ${second.body.failed}`);
  const total = await counts();
  const vectors = await gql(`{ recommendOpenings(profile: { region: "서울", experienceYears: 3, stacks: ["Java"] }, first: 5) { score } }`);
  log(`after: ${total} openings for ${ROWS} rows (${total === ROWS ? 'no duplicates, nothing lost' : 'MISMATCH'}); created ${partial} + ${second.body.created} = ${partial + second.body.created}; recommendations answer: ${vectors.body.data ? 'yes' : JSON.stringify(vectors.body)}`);
} finally {
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  dbDown(true);
}

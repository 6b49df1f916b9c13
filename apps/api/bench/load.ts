// pnpm --filter @moim/api bench:load — 60 s of mixed traffic at 50 connections against a real database.
// Figures, not a test. DATABASE_URL's server, or the throwaway cluster. LOAD_SECONDS (60), LOAD_CONNECTIONS (50), MOIM_MODEL_DIR as bench:api.
import autocannon from 'autocannon';
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR } from '@moim/embedder';
import { benchProfiles } from './data';
import { spawnApi } from '../src/testing';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const modelDir = process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR;

const db = await createTestDatabase({ poolSize: 2 });
const api = await spawnApi({ database: { url: db.databaseUrl }, env: { MOIM_MODEL_DIR: modelDir, MOIM_DEMO_DATA: 'true' }, echo: true, readyTimeoutMs: 600_000 });
const { url: base, adminKey: KEY, metricsToken: METRICS_TOKEN } = api;
const gql = async (query: string, variables: Record<string, unknown> = {}) =>
  (await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
const metrics = async () => (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
const rss = async () => {
  const text = await metrics();
  return Number(/^moim_api_process_resident_memory_bytes (\S+)/m.exec(text)?.[1] ?? NaN) / 2 ** 20;
};

try {
  const openingIds: string[] = (await gql(`{ openings(first: 100, filter: { status: [OPEN] }) { edges { node { id } } } }`)).data.openings.edges.map((e: any) => e.node.id);
  const memberIds: string[] = [];
  for (let i = 0; i < 50; i++) {
    const r = await gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { id } }`, { i: { displayName: `부하${i}`, region: '서울', experienceYears: i % 8, stacks: ['Java'] } });
    memberIds.push(r.data.upsertMember.id);
  }
  const profiles = benchProfiles(200, 5);
  const rec = `query($p: ProfileInput!) { recommendOpenings(profile: $p, first: 10) { score opening { id title } } }`;
  const upsert = `mutation($i: MemberInput!) { upsertMember(input: $i) { id } }`;
  const apply = `mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id status } }`;
  let n = 0;
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const body = () => {
    const k = n++ % 10;
    if (k < 7) return { query: rec, variables: { p: pick(profiles) } };
    if (k < 9) return { query: upsert, variables: { i: { displayName: `부하${n % 500}`, discordId: String(10n ** 17n + BigInt(n % 500)), region: pick(['서울', '부산', '재택']), experienceYears: n % 9, stacks: [pick(['Java', 'React', 'Go', 'Django'])] } } };
    return { query: apply, variables: { m: pick(memberIds), o: pick(openingIds) } };
  };
  // warm-up, then sample memory while the load runs
  await autocannon({ url: `${base}/graphql`, connections: 8, duration: 5, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, requests: [{ setupRequest: (r: any) => ({ ...r, body: JSON.stringify(body()) }) }] });
  const samples: number[] = [await rss()];
  const sampler = setInterval(() => void rss().then((m) => samples.push(m)), 5000);
  const errorCount = async () => {
    const text = await metrics();
    return [...text.matchAll(/^moim_api_graphql_operation_duration_seconds_count\{[^}]*outcome="error"[^}]*\} (\d+)/gm)].reduce((s, m) => s + Number(m[1]), 0);
  };
  const errorsBefore = await errorCount();
  const result = await autocannon({
    url: `${base}/graphql`,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    requests: [
      { setupRequest: (r: any) => ({ ...r, body: JSON.stringify(body()) }) },
    ],
  });
  clearInterval(sampler);
  const graphqlErrors = (await errorCount()) - errorsBefore;
  samples.push(await rss());
  console.log(`# mixed load: ${SECONDS} s, ${CONNECTIONS} connections (70% recommendOpenings, 20% upsertMember, 10% apply); model ${modelDir}`);
  console.log(`requests: ${result.requests.total}, req/s ${result.requests.average.toFixed(0)}, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(`errors: transport ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL responses with errors (server metrics) ${graphqlErrors}`);
  console.log(`server RSS (MiB) every 5 s after warm-up: ${samples.map((s) => s.toFixed(0)).join(' ')}`);
} finally {
  await api.close();
  await db.close();
}

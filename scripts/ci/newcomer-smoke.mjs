// Checks a freshly started `pnpm start` the way a newcomer would use it: every ```graphql example in the
// README answers with data and no errors, /admin/ and /graphiql answer 200, and CORS_ORIGINS (set before
// `pnpm start`) reached the process. Usage: node scripts/ci/newcomer-smoke.mjs http://127.0.0.1:4000 https://origin.example
import { readFileSync } from 'node:fs';

const [base = 'http://127.0.0.1:4000', corsOrigin] = process.argv.slice(2);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const queries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1].trim());
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

check(queries.length >= 2, `README has example queries (${queries.length})`);
for (const query of queries) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = await res.json().catch(() => ({}));
  const data = body.data ?? {};
  const empty = Object.entries(data).filter(([, v]) => v === null || (Array.isArray(v) && v.length === 0));
  check(res.status === 200 && !body.errors && Object.keys(data).length > 0 && empty.length === 0, `example query answers with data: ${query.split('\n')[0].slice(0, 70)}`);
  if (body.errors) console.log(JSON.stringify(body.errors).slice(0, 500));
}
for (const path of ['/admin/', '/graphiql', '/readyz', '/healthz']) {
  const res = await fetch(`${base}${path}`);
  check(res.status === 200, `GET ${path} → ${res.status}`);
}
if (corsOrigin) {
  const res = await fetch(`${base}/graphql`, {
    method: 'OPTIONS',
    headers: { origin: corsOrigin, 'access-control-request-method': 'POST' },
  });
  check(res.headers.get('access-control-allow-origin') === corsOrigin, `CORS_ORIGINS took effect (allow-origin ${res.headers.get('access-control-allow-origin')})`);
}
if (failures.length > 0) {
  console.error(`${failures.length} newcomer check(s) failed`);
  process.exit(1);
}

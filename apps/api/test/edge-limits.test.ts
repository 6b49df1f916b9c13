import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { createMember, createOpening, errorOf } from './support/fixtures';

/** Operation limits over real HTTP: refusals come at parse or validation time, before any resolver does work. */
let api: InProcessApi;
let wide: InProcessApi;
const calls = { recommendOpenings: 0, proposeTeam: 0 };
let openingId = '';

beforeAll(async () => {
  // `wide` lets big documents through the token limit, to show the alias rule refuses them on its own.
  [api, wide] = await Promise.all([startApi(), startApi({ maxQueryTokens: 1_000_000 })]);
  for (const a of [api, wide]) {
    const recommendations = a.app.services.recommendations;
    const recommend = recommendations.recommendOpenings.bind(recommendations);
    recommendations.recommendOpenings = (...args) => (calls.recommendOpenings++, recommend(...args));
    const teams = a.app.services.teams;
    const propose = teams.proposeTeam.bind(teams);
    teams.proposeTeam = (...args) => (calls.proposeTeam++, propose(...args));
  }
  openingId = (await createOpening(api, { stacks: ['Java'], minExperienceYears: 0 })).id;
  await createMember(api, { stacks: ['Java'] });
});
afterAll(async () => {
  await Promise.all([api?.close(), wide?.close()]);
});

const PROFILE = '{ region: "서울", experienceYears: 2, stacks: ["Java"] }';
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const RECOMMEND = `recommendOpenings(profile: ${PROFILE}, first: 1) { score }`;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('operation limits', () => {
  it('2,000 aliased nearest-neighbour searches are refused in milliseconds, before any search runs', async () => {
    const before = { ...calls };
    const doc = aliases(2000, RECOMMEND);
    const parseRefusal = await api.gql(doc);
    expect(errorOf(parseRefusal).code).toBe('GRAPHQL_PARSE_FAILED');
    expect(errorOf(parseRefusal).message).toContain('tokens');
    const aliasRefusal = await wide.gql(doc);
    expect(errorOf(aliasRefusal).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(aliasRefusal.body.errors!.some((e) => e.message.includes('Aliases limit of 15 exceeded, found 2000'))).toBe(true);
    const byTokens: number[] = [];
    const byAliases: number[] = [];
    for (let i = 0; i < 5; i++) {
      byTokens.push(await timed(() => api.gql(doc)));
      byAliases.push(await timed(() => wide.gql(doc)));
    }
    const one = median(await Promise.all([0, 1, 2].map(() => timed(() => api.gql(`{ ${RECOMMEND} }`)))));
    expect(calls.recommendOpenings - before.recommendOpenings).toBe(3);
    // Generous bound: a refusal is far below the 5.4 s the document used to run for.
    expect(median(byTokens)).toBeLessThan(1000);
    console.log(`[edge-limits] 2,000-alias refusal over HTTP (median of 5, client side): ${median(byTokens).toFixed(1)} ms at the token limit, ${median(byAliases).toFixed(1)} ms at the alias limit (tokens allowed); one search: ${one.toFixed(1)} ms`);
  });

  it('while one client floods refused documents, another client`s query is not held up', async () => {
    const probe = () => timed(() => api.gql(`{ ${RECOMMEND} }`));
    const alone = median([await probe(), await probe(), await probe()]);
    const doc = aliases(2000, RECOMMEND);
    let flooding = true;
    const flood = (async () => {
      while (flooding) await Promise.all([0, 1, 2, 3].map(() => api.gql(doc)));
    })();
    const during = median([await probe(), await probe(), await probe()]);
    flooding = false;
    await flood;
    console.log(`[edge-limits] a search alone ${alone.toFixed(1)} ms, during a flood of refused 2,000-alias documents ${during.toFixed(1)} ms`);
    expect(during).toBeLessThan(Math.max(20 * alone, 2000));
  });

  it('100,000 __typename aliases (1.8 MB) are refused while parsing', async () => {
    const doc = aliases(100_000, '__typename');
    expect(doc.length).toBeGreaterThan(1_500_000);
    let r!: Awaited<ReturnType<InProcessApi['gql']>>;
    const ms = await timed(async () => (r = await api.gql(doc)));
    expect(errorOf(r).code).toBe('GRAPHQL_PARSE_FAILED');
    expect(ms).toBeLessThan(2000);
    // __typename counts as an alias too (graphql-armor's default would let it through).
    expect(errorOf(await api.gql(aliases(16, '__typename'))).message).toContain('Aliases limit of 15');
  });

  it('500 aliased team proposals are refused without proposing anything; so are a handful', async () => {
    const before = calls.proposeTeam;
    expect(errorOf(await api.gql(aliases(500, `proposeTeam(openingId: "${openingId}") { totalScore }`), {}, api.adminKey)).code).toBe('GRAPHQL_PARSE_FAILED');
    const handful = await api.gql(aliases(5, `proposeTeam(openingId: "${openingId}") { totalScore }`), {}, api.adminKey);
    expect(errorOf(handful).code).toBe('QUERY_TOO_COMPLEX');
    expect(calls.proposeTeam).toBe(before);
    expect((await api.gql(`{ proposeTeam(openingId: "${openingId}") { totalScore } }`, {}, api.adminKey)).body.errors).toBeUndefined();
    expect(calls.proposeTeam).toBe(before + 1);
  });

  it('more than a handful of searches in one request is refused by cost; three go through', async () => {
    const before = calls.recommendOpenings;
    const eight = await api.gql(aliases(8, RECOMMEND));
    expect(errorOf(eight)).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(errorOf(eight).message).toMatch(/Query cost \d+ exceeds the limit of 20000/);
    expect(calls.recommendOpenings).toBe(before);
    const three = await api.gql(aliases(3, RECOMMEND));
    expect(three.body.errors).toBeUndefined();
    expect(calls.recommendOpenings).toBe(before + 3);
  });

  it('a variable default costs what it runs: refused like the same literal', async () => {
    const deep = 'edges { node { id applications { id member { id applications { id opening { id title } } } } } }';
    const literal = await api.gql(`{ openings(first: 100) { ${deep} } }`, {}, api.botKey);
    expect(errorOf(literal).code).toBe('QUERY_TOO_COMPLEX');
    const viaDefault = await api.gql(`query($f: Int = 100) { openings(first: $f) { ${deep} } }`, {}, api.botKey);
    expect(errorOf(viaDefault).code).toBe('QUERY_TOO_COMPLEX');
    expect(errorOf(viaDefault).message).toBe(errorOf(literal).message);
    const small = await api.gql(`query($f: Int = 100) { openings(first: $f) { ${deep} } }`, { f: 1 }, api.botKey);
    expect(small.body.errors).toBeUndefined();
  });

  it('the full introspection query (GraphiQL, outside production) fits every limit', async () => {
    const r = await api.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }));
    expect(r.body.errors).toBeUndefined();
    expect((r.body.data as any).__schema.queryType.name).toBe('Query');
  });

  it('repeated fields (no aliases) are refused before graphql-js compares them pairwise', async () => {
    // 390 copies fit the token limit; graphql-js's fields-can-be-merged rule alone spends ~0.3-0.5 s on them here.
    const doc = `{ openings { ${'pageInfo { hasNextPage } '.repeat(390)} } }`;
    const answers: number[] = [];
    let r!: Awaited<ReturnType<InProcessApi['gql']>>;
    for (let i = 0; i < 5; i++) answers.push(await timed(async () => (r = await api.gql(doc))));
    expect(errorOf(r).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorOf(r).message).toContain('Repeated field limit of 10 exceeded: "pageInfo" appears 390 times');
    expect(median(answers)).toBeLessThan(150);
    const viaFragments = await api.gql(`{ openings { ...A ...B } } fragment A on OpeningConnection { ${'totalCount '.repeat(6)} } fragment B on OpeningConnection { ${'totalCount '.repeat(6)} }`);
    expect(errorOf(viaFragments).message).toContain('"totalCount" appears 12 times');
    expect((await api.gql(`{ openings { ${'totalCount '.repeat(10)} } }`)).body.errors).toBeUndefined();
    console.log(`[edge-limits] 390 repeated fields refused in ${median(answers).toFixed(1)} ms (median of 5, client side)`);
  });

  it('caps root fields and directives per operation', async () => {
    const roots = await api.gql(aliases(11, 'viewer { role }'));
    expect(errorOf(roots).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorOf(roots).message).toContain('Root fields limit of 10 exceeded, found 11');
    expect((await api.gql(aliases(10, 'viewer { role }'))).body.errors).toBeUndefined();
    const directives = await api.gql(`{ viewer { ${Array.from({ length: 11 }, () => 'role @include(if: true)').join(' ')} } }`);
    expect(errorOf(directives).message).toContain('Directives limit of 10 exceeded, found 11');
  });
});

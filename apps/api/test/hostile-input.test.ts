import fc from 'fast-check';
import { REGIONS, STACKS } from '@moim/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { createMember, createOpening, errorOf, member, opening, tableCounts } from './support/fixtures';

let api: InProcessApi;
let ids: { member: string; opening: string; application: string };
beforeAll(async () => {
  api = await startApi();
  const m = await createMember(api);
  const o = await createOpening(api);
  const a = await api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: m.id, o: o.id }, api.adminKey);
  ids = { member: m.id, opening: o.id, application: a.body.data!.apply.id };
});
afterAll(async () => {
  await api?.close();
});

/** Strings PostgreSQL cannot take as text: a NUL anywhere, or an unpaired UTF-16 surrogate anywhere. */
const poison = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const poisoned = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, poison, fc.nat()).map(([text, bad, at]) => {
    const i = at % (text.length + 1);
    // The `x` keeps a following low surrogate from pairing with a high one (the bases hold no surrogates).
    return `${text.slice(0, i)}${bad}x${text.slice(i)}`;
  });
const idLike = fc.stringMatching(/^[a-z0-9]{0,30}$/);

interface Case {
  name: string;
  query: string;
  field: string;
  key: 'bot' | 'admin' | null;
  vars: (bad: string) => Record<string, unknown>;
}

/** Every argument and input field that carries a string, in every operation. */
const CASES: Case[] = [
  { name: 'member(id)', query: 'query($v: ID!) { member(id: $v) { id } }', field: 'id', key: 'bot', vars: (v) => ({ v }) },
  { name: 'memberByDiscordId', query: 'query($v: String!) { memberByDiscordId(discordId: $v) { id } }', field: 'discordId', key: 'bot', vars: (v) => ({ v }) },
  { name: 'opening(id)', query: 'query($v: ID!) { opening(id: $v) { id } }', field: 'id', key: null, vars: (v) => ({ v }) },
  { name: 'application(id)', query: 'query($v: ID!) { application(id: $v) { id } }', field: 'id', key: 'bot', vars: (v) => ({ v }) },
  { name: 'openings(after)', query: 'query($v: String) { openings(after: $v) { totalCount } }', field: 'after', key: null, vars: (v) => ({ v }) },
  { name: 'openings(filter.text)', query: 'query($v: String) { openings(filter: { text: $v }) { totalCount } }', field: 'filter.text', key: null, vars: (v) => ({ v }) },
  { name: 'openings(filter.regions)', query: 'query($v: String!) { openings(filter: { regions: ["서울", $v] }) { totalCount } }', field: 'filter.regions[1]', key: null, vars: (v) => ({ v }) },
  { name: 'openings(filter.stacks)', query: 'query($v: String!) { openings(filter: { stacks: [$v] }) { totalCount } }', field: 'filter.stacks[0]', key: null, vars: (v) => ({ v }) },
  { name: 'recommendOpenings(memberId)', query: 'query($v: ID) { recommendOpenings(memberId: $v) { score } }', field: 'memberId', key: 'bot', vars: (v) => ({ v }) },
  {
    name: 'recommendOpenings(profile.stacks)',
    query: 'query($p: ProfileInput) { recommendOpenings(profile: $p) { score } }',
    field: 'profile.stacks[1]',
    key: null,
    vars: (v) => ({ p: { region: '서울', experienceYears: 1, stacks: ['Java', v] } }),
  },
  { name: 'recommendMembers', query: 'query($v: ID!) { recommendMembers(openingId: $v) { score } }', field: 'openingId', key: 'bot', vars: (v) => ({ v }) },
  { name: 'proposeTeam', query: 'query($v: ID!) { proposeTeam(openingId: $v) { totalScore } }', field: 'openingId', key: 'bot', vars: (v) => ({ v }) },
  { name: 'formTeams', query: 'query($v: ID!) { formTeams(kind: PROJECT, memberIds: [$v]) { totalScore } }', field: 'memberIds[0]', key: 'admin', vars: (v) => ({ v }) },
  { name: 'importJob', query: 'query($v: ID!) { importJob(id: $v) { id } }', field: 'id', key: 'admin', vars: (v) => ({ v }) },
  { name: 'reembedJob', query: 'query($v: ID!) { reembedJob(id: $v) { id } }', field: 'id', key: 'admin', vars: (v) => ({ v }) },
  { name: 'apply(memberId)', query: 'mutation($v: ID!, $o: ID!) { apply(memberId: $v, openingId: $o) { id } }', field: 'memberId', key: 'bot', vars: (v) => ({ v, o: ids.opening }) },
  { name: 'apply(openingId)', query: 'mutation($m: ID!, $v: ID!) { apply(memberId: $m, openingId: $v) { id } }', field: 'openingId', key: 'bot', vars: (v) => ({ v, m: ids.member }) },
  { name: 'decideApplication', query: 'mutation($v: ID!) { decideApplication(id: $v, accept: true) { id } }', field: 'id', key: 'bot', vars: (v) => ({ v }) },
  { name: 'withdrawApplication', query: 'mutation($v: ID!) { withdrawApplication(id: $v) { id } }', field: 'id', key: 'bot', vars: (v) => ({ v }) },
  { name: 'deleteMember', query: 'mutation($v: ID!) { deleteMember(id: $v) }', field: 'id', key: 'bot', vars: (v) => ({ v }) },
  { name: 'upsertMember(id)', query: 'mutation($i: MemberInput!, $v: ID) { upsertMember(input: $i, id: $v) { id } }', field: 'id', key: 'bot', vars: (v) => ({ v, i: member() }) },
  {
    name: 'upsertMember(input.displayName)',
    query: 'mutation($i: MemberInput!) { upsertMember(input: $i) { id } }',
    field: 'input.displayName',
    key: 'bot',
    vars: (v) => ({ i: member({ displayName: `모임${v}` }) }),
  },
  {
    name: 'upsertMember(input.discordId)',
    query: 'mutation($i: MemberInput!) { upsertMember(input: $i) { id } }',
    field: 'input.discordId',
    key: 'bot',
    vars: (v) => ({ i: member({ discordId: v }) }),
  },
  {
    name: 'createOpening(input.description)',
    query: 'mutation($i: OpeningInput!) { createOpening(input: $i) { id } }',
    field: 'input.description',
    key: 'admin',
    vars: (v) => ({ i: opening({ description: v }) }),
  },
  {
    name: 'updateOpening(id)',
    query: 'mutation($v: ID!, $i: OpeningInput!) { updateOpening(id: $v, input: $i) { id } }',
    field: 'id',
    key: 'admin',
    vars: (v) => ({ v, i: opening() }),
  },
  { name: 'closeOpening', query: 'mutation($v: ID!) { closeOpening(id: $v) { id } }', field: 'id', key: 'admin', vars: (v) => ({ v }) },
  { name: 'reopenOpening', query: 'mutation($v: ID!) { reopenOpening(id: $v) { id } }', field: 'id', key: 'admin', vars: (v) => ({ v }) },
  { name: 'createApiKey', query: 'mutation($v: String!) { createApiKey(name: $v, role: BOT) { key } }', field: 'name', key: 'admin', vars: (v) => ({ v }) },
  { name: 'revokeApiKey', query: 'mutation($v: ID!) { revokeApiKey(id: $v) }', field: 'id', key: 'admin', vars: (v) => ({ v }) },
  { name: 'startReembed', query: 'mutation($v: String) { startReembed(modelDir: $v) { id } }', field: 'modelDir', key: 'admin', vars: (v) => ({ v }) },
];

const keyOf = (c: Case) => (c.key === 'admin' ? api.adminKey : c.key === 'bot' ? api.botKey : null);

describe('strings PostgreSQL cannot store are refused before any SQL (fast-check)', () => {
  it('a NUL or a lone surrogate anywhere in any string argument is BAD_USER_INPUT naming it, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CASES), poisoned(idLike), async (c, bad) => {
        const before = await tableCounts(api);
        const r = await api.gql(c.query, c.vars(bad), keyOf(c));
        expect(r.status, `${c.name} ${JSON.stringify(r.body)}`).toBeLessThan(500);
        expect(r.body.errors, `${c.name} ${JSON.stringify(r.body)}`).toHaveLength(1);
        const e = errorOf(r);
        expect({ case: c.name, code: e.code, field: e.field }).toEqual({ case: c.name, code: 'BAD_USER_INPUT', field: c.field });
        expect(e.message).toContain(c.field.replace(/^(input|profile)\./, ''));
        expect(await tableCounts(api)).toEqual(before);
      }),
      { numRuns: 150, seed: 20261201 },
    );
  });

  it('every case also answers for a plain bad value without a 500 (the guard does not hide other checks)', async () => {
    for (const c of CASES.filter((x) => x.name !== 'startReembed')) {
      const r = await api.gql(c.query, c.vars('no-such-thing'), keyOf(c));
      expect(r.status, c.name).toBeLessThan(500);
      for (const e of r.body.errors ?? []) expect(e.extensions?.code, `${c.name} ${e.message}`).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });

  it('an id longer than any id is BAD_USER_INPUT, not a database round trip', async () => {
    const e = errorOf(await api.gql('query($v: ID!) { member(id: $v) { id } }', { v: 'x'.repeat(129) }, api.botKey));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('startReembed with a directory that does not exist is BAD_USER_INPUT, not a job that fails later', async () => {
    const r = await api.gql('mutation($d: String) { startReembed(modelDir: $d) { id } }', { d: '/no/such/model/dir' }, api.adminKey);
    expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'modelDir' });
  });

  it('a display name with a lone surrogate is refused, never stored as U+FFFD', async () => {
    const before = await tableCounts(api);
    const r = await api.gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { displayName } }`, { i: member({ displayName: '김\uD83D민준' }) }, api.botKey);
    expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.displayName' });
    expect(await tableCounts(api)).toEqual(before);
    expect(await api.db.prisma.member.count({ where: { displayName: { contains: '\uFFFD' } } })).toBe(0);
  });

  it('importOpenings: a row with NUL or a lone surrogate is a row error; the good rows of the same batch are stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('title', 'description', 'region', 'kind', 'externalId', 'stacks', 'tags'), { minLength: 1, maxLength: 4 }),
        poisoned(fc.constantFrom('제목', '', 'ab')),
        async (fields, bad) => {
          const tag = Math.random().toString(36).slice(2, 10);
          const rows = [
            opening({ externalId: `good-${tag}-0` }),
            ...fields.map((f, i) =>
              opening({ externalId: `bad-${tag}-${i}`, [f]: f === 'stacks' || f === 'tags' ? [bad] : bad }),
            ),
            opening({ externalId: `good-${tag}-1` }),
          ];
          const r = await api.gql(
            `mutation($i: [OpeningInput!]!) { importOpenings(input: $i) { created updated failed { index field message } } }`,
            { i: rows },
            api.adminKey,
          );
          expect(r.status).toBe(200);
          expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
          const report = r.body.data!.importOpenings;
          expect(report.created).toBe(2);
          expect(report.failed.map((f: { index: number }) => f.index)).toEqual(fields.map((_, i) => i + 1));
          report.failed.forEach((f: { field: string }, i: number) => {
            const name = fields[i]!;
            expect(f.field).toBe(name === 'stacks' || name === 'tags' ? `${name}[0]` : name);
          });
          expect(await api.db.prisma.opening.count({ where: { externalId: { startsWith: `bad-${tag}` } } })).toBe(0);
        },
      ),
      { numRuns: 15, seed: 5 },
    );
  });
});

describe('poison anywhere in whole inputs (fast-check, like hostile.test.ts with NUL and lone surrogates mixed in)', () => {
  const text = fc.oneof(fc.string({ maxLength: 20 }), poisoned(fc.string({ maxLength: 12 })), fc.constantFrom('서울', 'Java', '스터디'));
  const terms = fc.array(fc.oneof(fc.constantFrom('Java', 'React', 'Go'), text), { maxLength: 4 });
  const memberInput = fc.record({ displayName: text, discordId: fc.option(text), region: text, experienceYears: fc.integer({ min: -1, max: 51 }), stacks: terms, traits: fc.option(terms) });
  const openingInput = fc.record({
    externalId: fc.option(text),
    kind: fc.oneof(fc.constantFrom('PROJECT', 'STUDY'), text),
    title: text,
    description: fc.option(text),
    region: text,
    stacks: terms,
    minExperienceYears: fc.integer({ min: -1, max: 51 }),
    tags: fc.option(terms),
    capacity: fc.integer({ min: 0, max: 51 }),
  });
  /** JSON.stringify writes NUL and lone surrogates (only those) as \u escapes. */
  const hasPoison = (v: unknown): boolean => /\\u(0000|d[89a-f][0-9a-f]{2})/i.test(JSON.stringify(v));

  it('upsertMember and createOpening: a 4xx naming a field and nothing written, or a stored row without poison', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(memberInput.map((i) => ({ kind: 'member' as const, i })), openingInput.map((i) => ({ kind: 'opening' as const, i }))), async (c) => {
        const before = await tableCounts(api);
        const r =
          c.kind === 'member'
            ? await api.gql('mutation($i: MemberInput!) { upsertMember(input: $i) { id displayName sentence } }', { i: c.i }, api.botKey)
            : await api.gql('mutation($i: OpeningInput!) { createOpening(input: $i) { id title description sentence } }', { i: c.i }, api.adminKey);
        expect(r.status).toBeLessThan(500);
        if (r.body.errors) {
          for (const e of r.body.errors) {
            expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(e.extensions?.code);
            if (e.extensions?.code === 'BAD_USER_INPUT') expect(e.message).toContain(String(e.extensions.field).replace(/^input\./, ''));
          }
          expect(await tableCounts(api)).toEqual(before);
        } else {
          expect(hasPoison(c.i), JSON.stringify(c.i)).toBe(false);
          expect(JSON.stringify(r.body.data)).not.toContain('\uFFFD');
        }
      }),
      { numRuns: 80, seed: 1201 },
    );
  });
});

describe('cursors', () => {
  const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  it('any string that is not a cursor of this API is BAD_USER_INPUT on `after` (fast-check)', async () => {
    const stamp = new Date().toISOString();
    const forged = fc.oneof(
      fc.string({ maxLength: 60 }).map((id) => cursorOf(`${stamp}|${id}`)),
      fc.string({ maxLength: 60 }).map((t) => cursorOf(t)),
      fc.string({ maxLength: 60 }),
      fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b).toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(forged, async (after) => {
        const r = await api.gql('query($a: String) { openings(first: 1, after: $a) { totalCount } }', { a: after });
        expect(r.status).toBeLessThan(500);
        if (r.body.errors) expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }),
      { numRuns: 200, seed: 3 },
    );
    for (const bad of [`${stamp}|a\u0000b`, `${stamp}|a\uFFFDb`, `not-a-date|abc`, `${stamp}|`]) {
      const r = await api.gql('query($a: String) { openings(after: $a) { totalCount } }', { a: cursorOf(bad) });
      expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('a real cursor still pages', async () => {
    await createOpening(api, { title: '커서 둘째' });
    const page = await api.gql('{ openings(first: 1) { pageInfo { endCursor } } }');
    const cursor = page.body.data!.openings.pageInfo.endCursor;
    const next = await api.gql('query($a: String) { openings(first: 1, after: $a) { edges { node { id } } } }', { a: cursor });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data!.openings.edges).toHaveLength(1);
  });
});

describe('list arguments are capped and deduplicated', () => {
  const OPENINGS = 'query($f: OpeningFilter) { openings(filter: $f) { totalCount } }';
  const RECOMMEND = 'query($f: OpeningFilter) { recommendOpenings(profile: { region: "서울", experienceYears: 1, stacks: ["Java"] }, filter: $f) { score } }';

  it('more regions than the vocabulary has is BAD_USER_INPUT on filter.regions (100,000 was a 500)', async () => {
    const regions = Array.from({ length: 100_000 }, () => '서울');
    for (const query of [OPENINGS, RECOMMEND]) {
      const r = await api.gql(query, { f: { regions } });
      expect(r.status).toBeLessThan(500);
      expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regions' });
    }
    const over = Array.from({ length: REGIONS.length + 1 }, (_, i) => REGIONS[i % REGIONS.length]!);
    expect(errorOf(await api.gql(OPENINGS, { f: { regions: over } }))).toMatchObject({ field: 'filter.regions' });
  });

  it('stacks and statuses are capped at their vocabulary; repeats within the cap are folded away', async () => {
    const stacks = Array.from({ length: STACKS.length + 1 }, (_, i) => STACKS[i % STACKS.length]!);
    expect(errorOf(await api.gql(OPENINGS, { f: { stacks } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.stacks' });
    const status = ['OPEN', 'OPEN', 'FULL', 'CLOSED'];
    expect(errorOf(await api.gql(OPENINGS, { f: { status } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.status' });
    const plain = await api.gql(OPENINGS, { f: { regions: ['서울'], stacks: ['Java'] } });
    const repeated = await api.gql(OPENINGS, { f: { regions: ['서울', 'Seoul', '서울'], stacks: ['java', 'Java', 'JAVA'], status: ['OPEN', 'OPEN'] } });
    expect(repeated.body.errors).toBeUndefined();
    expect(repeated.body.data!.openings.totalCount).toBe(plain.body.data!.openings.totalCount);
    expect(plain.body.data!.openings.totalCount).toBeGreaterThan(0);
  });

  it('any list longer than the documented maximum is BAD_USER_INPUT naming it (memberIds, importOpenings input)', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `m${i}`);
    const r = await api.gql('query($m: [ID!]!) { formTeams(kind: PROJECT, memberIds: $m) { totalScore } }', { m: many }, api.adminKey);
    expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberIds' });
  });
});

describe('filter.text matches literally', () => {
  it('% and _ and \\ are characters, not wildcards (fast-check over the special characters)', async () => {
    const tag = `lit${Date.now().toString(36)}`;
    const titles = ['100% 참여', 'snake_case 스터디', 'C:\\path 팀', '평범한 제목'];
    for (const title of titles) await createOpening(api, { title: `${tag} ${title}` });
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[%_\\a-z ]{1,6}$/), async (needle) => {
        const r = await api.gql('query($t: String) { openings(filter: { text: $t }, first: 100) { edges { node { title } } } }', { t: `${tag} ${needle}`.trim() });
        expect(r.body.errors).toBeUndefined();
        const got = r.body.data!.openings.edges.map((e: { node: { title: string } }) => e.node.title).sort();
        const want = titles
          .map((t) => `${tag} ${t}`)
          .filter((t) => t.toLowerCase().includes(`${tag} ${needle}`.trim().toLowerCase()))
          .sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 60, seed: 8 },
    );
    const percent = await api.gql('query($t: String) { openings(filter: { text: $t }) { totalCount } }', { t: '%' });
    expect(percent.body.data!.openings.totalCount).toBe(1);
    const underscore = await api.gql('query($t: String) { openings(filter: { text: $t }) { totalCount } }', { t: '_' });
    expect(underscore.body.data!.openings.totalCount).toBe(1);
  });
});

import fc from 'fast-check';
import { REGIONS, STACKS, TAGS, TRAITS } from '@moim/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { tableCounts } from './support/fixtures';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const NASTY = [
  "'; DROP TABLE members; --",
  '{"$gt": ""}',
  '\u0000',
  '\u202Eevil',
  'a\u0007b',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  ' ',
  '',
  'NaN',
  '-1',
  '１２３',
  '😀'.repeat(60),
  'x'.repeat(5000),
];
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom(...NASTY));
const number = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, 50, 51, -1, 2 ** 31 - 1, 1e15, 1.5, -0.5));
const region = fc.oneof(fc.constantFrom(...REGIONS, '서울', 'remote'), text);
const stack = fc.oneof(fc.constantFrom(...STACKS, 'springboot'), text);
const list = <T>(arb: fc.Arbitrary<T>) => fc.oneof(fc.array(arb, { maxLength: 12 }), fc.constant([]));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null), fc.constant(undefined));

const memberInput = fc.record({
  displayName: text,
  discordId: maybe(fc.oneof(text, fc.stringMatching(/^\d{17,20}$/))),
  region,
  experienceYears: number,
  stacks: list(stack),
  traits: maybe(list(fc.oneof(fc.constantFrom(...TRAITS), text))),
});

const openingInput = fc.record({
  externalId: maybe(fc.oneof(text, fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/))),
  kind: fc.oneof(fc.constantFrom('PROJECT', 'STUDY', '스터디', 'project'), text),
  title: text,
  description: maybe(text),
  region,
  stacks: list(stack),
  minExperienceYears: number,
  tags: maybe(list(fc.oneof(fc.constantFrom(...TAGS), text))),
  capacity: number,
});

const PUBLIC = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** Never a 5xx, never an unexplained error: each error is public and names the offending field or variable. */
function checkErrors(r: { status: number; body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }): boolean {
  expect(r.status).toBeLessThan(500);
  if (!r.body.errors) return false;
  for (const e of r.body.errors) {
    expect(PUBLIC.has(String(e.extensions?.code)), JSON.stringify(e)).toBe(true);
    const field = e.extensions?.field;
    if (typeof field === 'string') expect(e.message).toContain(field.replace(/^(input|profile)\./, ''));
    else expect(e.message).toMatch(/Variable "\$\w+"|argument|Int|String|Boolean|OpeningKind/);
  }
  return true;
}

describe('hostile input (fast-check)', () => {
  it('upsertMember: any input either stores one canonical member or changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(memberInput, async (input) => {
        const before = await tableCounts(api);
        const r = await api.gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { id region stacks sentence } }`, { i: input }, api.botKey);
        if (checkErrors(r)) {
          expect(await tableCounts(api)).toEqual(before);
        } else {
          const m = r.body.data!.upsertMember;
          expect(REGIONS).toContain(m.region);
          for (const s of m.stacks) expect(STACKS).toContain(s);
        }
      }),
      { numRuns: 60, seed: 4242 },
    );
  });

  it('importOpenings(atomic): a batch with any bad row stores nothing; every bad row is reported with a field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(openingInput, { minLength: 1, maxLength: 6 }), async (rows) => {
        const before = await tableCounts(api);
        const r = await api.gql(`mutation($i: [OpeningInput!]!) { importOpenings(input: $i, atomic: true) { created updated failed { index field message } } }`, { i: rows }, api.adminKey);
        if (checkErrors(r)) {
          expect({ ...(await tableCounts(api)), importJobs: before.importJobs }).toEqual(before);
          return;
        }
        const report = r.body.data!.importOpenings;
        for (const f of report.failed) {
          expect(f.index).toBeGreaterThanOrEqual(0);
          expect(f.index).toBeLessThan(rows.length);
          expect(f.message).toContain(f.field);
        }
        if (report.failed.length > 0) {
          expect(report.created + report.updated).toBe(0);
          expect({ ...(await tableCounts(api)), importJobs: before.importJobs }).toEqual(before);
        } else {
          expect(report.created + report.updated).toBe(rows.length);
        }
      }),
      { numRuns: 40, seed: 77 },
    );
  });

  it('queries: hostile profiles, filters and page sizes never 500 and name the argument', async () => {
    const args = fc.record({
      profile: fc.record({ region, experienceYears: number, stacks: list(stack), traits: maybe(list(text)) }),
      regions: maybe(list(region)),
      text: maybe(text),
      first: maybe(number),
      after: maybe(text),
    });
    await fc.assert(
      fc.asyncProperty(args, async (a) => {
        const rec = await api.gql(`query($p: ProfileInput, $f: OpeningFilter, $first: Int) { recommendOpenings(profile: $p, filter: $f, first: $first) { score } }`, {
          p: a.profile,
          f: a.regions ? { regions: a.regions } : null,
          first: a.first,
        });
        checkErrors(rec);
        const list = await api.gql(`query($f: OpeningFilter, $first: Int, $after: String) { openings(filter: $f, first: $first, after: $after) { totalCount } }`, {
          f: { ...(a.regions ? { regions: a.regions } : {}), ...(a.text != null ? { text: a.text } : {}) },
          first: a.first,
          after: a.after,
        });
        checkErrors(list);
      }),
      { numRuns: 40, seed: 9 },
    );
  });
});

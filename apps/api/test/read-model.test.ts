import {
  buildASTSchema,
  concatAST,
  getNamedType,
  isNonNullType,
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../src/graphql/schema';
import { startApi, type InProcessApi, type GraphQLResponse } from '../src/testing';
import { createMember, createOpening, opening, tableCounts } from './support/fixtures';
import { placeholder } from './support/placeholder';

/**
 * The read model, field by field: this walks the schema, reaches every field from Query (through public fields
 * where it can) and checks what anonymous, BOT and ADMIN callers get, from the @auth marks read independently of
 * src/graphql/read-model.ts. A new field cannot escape it: one with required arguments needs an entry in ARGS.
 */
const schema = buildASTSchema(concatAST(loadTypeDefs()));
type Need = 'KEY' | 'ADMIN' | undefined;
const RANK = { undefined: 0, KEY: 1, ADMIN: 2 } as const;
const stronger = (a: Need, b: Need): Need => (RANK[String(b) as keyof typeof RANK] > RANK[String(a) as keyof typeof RANK] ? b : a);

function marked(nodes: readonly ({ directives?: readonly ConstDirectiveNode[] } | null | undefined)[]): Need {
  let need: Need;
  for (const node of nodes) {
    for (const d of node?.directives ?? []) {
      if (d.name.value !== 'auth') continue;
      const arg = d.arguments?.find((a) => a.name.value === 'requires');
      if (arg?.value.kind === 'EnumValue') need = stronger(need, arg.value.value as Need);
    }
  }
  return need;
}
const typeNeed = (name: string): Need => {
  const t = schema.getType(name);
  return t && isObjectType(t) ? marked([t.astNode, ...t.extensionASTNodes]) : undefined;
};
const fieldNeed = (parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Need =>
  [marked([field.astNode]), typeNeed(parent.name), typeNeed(getNamedType(field.type).name)].reduce(stronger, undefined);

/** The read model as documented (README "Security"): these must stay private / public whatever the marks say. */
const MUST_NEED_KEY = [
  'Query.member', 'Query.memberByDiscordId', 'Query.application', 'Query.recommendMembers', 'Query.proposeTeam',
  'Opening.applications', 'Member.discordId', 'Member.region', 'Member.stacks', 'Member.applications', 'Application.member', 'MemberMatch.member',
];
const MUST_NEED_ADMIN = ['Query.formTeams', 'Query.importJob', 'Query.importJobs', 'Query.apiKeys', 'Query.reembedJob'];
const MUST_BE_PUBLIC = [
  'Query.openings', 'Query.opening', 'Query.recommendOpenings', 'Query.vocabulary', 'Query.embedder', 'Query.viewer',
  'Opening.title', 'Opening.description', 'Opening.stacks', 'Opening.region', 'Opening.freeSeats', 'Opening.status', 'OpeningMatch.score', 'OpeningMatch.opening',
];

let api: InProcessApi;
const ids = { opening: '', member: '', other: '', application: '', importJob: '' };
const DISCORD_ID = '234567890123456789';
const PROFILE = '{ region: "서울", experienceYears: 2, stacks: ["Java"] }';

/** Arguments for fields that need them (or need particular ones to return data). */
const ARGS = (): Record<string, string> => ({
  'Query.member': `(id: "${ids.member}")`,
  'Query.memberByDiscordId': `(discordId: "${DISCORD_ID}")`,
  'Query.opening': `(id: "${ids.opening}")`,
  'Query.openings': '(first: 2)',
  'Query.application': `(id: "${ids.application}")`,
  'Query.recommendOpenings': `(profile: ${PROFILE}, first: 2)`,
  'Query.recommendMembers': `(openingId: "${ids.opening}", first: 2)`,
  'Query.proposeTeam': `(openingId: "${ids.opening}")`,
  'Query.formTeams': `(kind: PROJECT, memberIds: ["${ids.member}", "${ids.other}"])`,
  'Query.importJob': `(id: "${ids.importJob}")`,
  'Query.importJobs': '(first: 2)',
  'Query.reembedJob': '(id: "no-such-job")',
  'Query.invitation': '(id: "no-such-invitation")',
});

/**
 * Fields whose member-level rule (ADMIN, or the acting lead / the member themself) sits on top of the key: a BOT key
 * acting for no one is refused with ACTING_MEMBER_REQUIRED. Who may, acting as whom: test/team-authorization.test.ts.
 */
const ACTING_MEMBER_RULES = new Set(['Query.recommendMembers', 'Query.proposeTeam', 'Opening.invitations', 'Member.notifications', 'Member.invitations']);

beforeAll(async () => {
  api = await startApi();
  ids.opening = (await createOpening(api, { stacks: ['Java', 'Spring Boot'], capacity: 5, minExperienceYears: 0 })).id;
  ids.member = (await createMember(api, { discordId: DISCORD_ID })).id;
  ids.other = (await createMember(api, { displayName: '다른 사람', stacks: ['Java', 'Spring Boot'] })).id;
  const applied = await api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: ids.member, o: ids.opening }, api.adminKey);
  ids.application = applied.body.data!.apply.id;
  const imported = await api.gql(`mutation($i: [OpeningInput!]!) { importOpenings(input: $i) { jobId } }`, { i: [opening({ externalId: 'rm-1' })] }, api.adminKey);
  ids.importJob = imported.body.data!.importOpenings.jobId;
});
afterAll(async () => {
  await api?.close();
});

interface Reach {
  /** Opening text down to the parent, e.g. `opening(id: "…") { applications {`, and the closing braces. */
  open: string;
  close: string;
  need: Need;
  /** The path passes a field with a member-level rule (ACTING_MEMBER_RULES): a BOT key acting for no one is refused. */
  acting?: boolean;
}

/** Shortest way from Query to each object type, through public fields first. */
function reachability(): Map<string, Reach> {
  const args = ARGS();
  const reach = new Map<string, Reach>([['Query', { open: '', close: '', need: undefined }]]);
  for (const publicOnly of [true, false]) {
    const queue = [...reach.keys()];
    while (queue.length > 0) {
      const typeName = queue.shift()!;
      const type = schema.getType(typeName) as GraphQLObjectType;
      const from = reach.get(typeName)!;
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type);
        if (!isObjectType(target) || reach.has(target.name)) continue;
        const coordinate = `${typeName}.${field.name}`;
        const required = field.args.some((a) => isNonNullType(a.type));
        if (required && !args[coordinate]) continue;
        const need = stronger(from.need, fieldNeed(type, field));
        if (publicOnly && need) continue;
        const acting = from.acting === true || ACTING_MEMBER_RULES.has(coordinate);
        reach.set(target.name, { open: `${from.open}${field.name}${args[coordinate] ?? ''} { `, close: ` }${from.close}`, need, acting });
        queue.push(target.name);
      }
    }
  }
  return reach;
}

const selection = (field: GraphQLField<unknown, unknown>) => (isObjectType(getNamedType(field.type)) ? `${field.name} { __typename }` : field.name);
const codeOf = (r: GraphQLResponse) => r.body.errors?.[0]?.extensions?.code;

describe('read model (walks the schema)', () => {
  it('pins the documented model: member data needs a key, admin data an ADMIN key, openings are public', () => {
    const needOf = (coordinate: string) => {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName) as GraphQLObjectType;
      return fieldNeed(type, type.getFields()[fieldName]!);
    };
    for (const c of MUST_NEED_KEY) expect(needOf(c), c).toBeDefined();
    for (const c of MUST_NEED_ADMIN) expect(needOf(c), c).toBe('ADMIN');
    for (const c of MUST_BE_PUBLIC) expect(needOf(c), c).toBeUndefined();
    const memberId = (schema.getQueryType()!.getFields().recommendOpenings!.args.find((a) => a.name === 'memberId'))!;
    expect(marked([memberId.astNode])).toBe('KEY');
  });

  it('every field reachable from Query: anonymous, BOT and ADMIN callers get exactly what the marks allow', async () => {
    const reach = reachability();
    const args = ARGS();
    const checked = { public: 0, key: 0, admin: 0 };
    for (const [typeName, at] of reach) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${typeName}.${field.name}`;
        if (field.args.some((a) => isNonNullType(a.type)) && !args[coordinate]) {
          throw new Error(`${coordinate} has required arguments: add them to ARGS so the read model test can call it`);
        }
        const need = stronger(at.need, fieldNeed(type, field));
        const query = `{ ${at.open}${selection(field).replace(field.name, `${field.name}${args[coordinate] ?? ''}`)}${at.close} }`;
        const anon = await api.gql(query);
        const bot = await api.gql(query, {}, api.botKey);
        const admin = await api.gql(query, {}, api.adminKey);
        expect(admin.body.errors, `${coordinate} as ADMIN: ${query}`).toBeUndefined();
        expect(admin.body.data, coordinate).toBeTruthy();
        if (need === undefined) {
          checked.public++;
          expect(anon.body.errors, `${coordinate} anonymously: ${query}`).toBeUndefined();
          expect(anon.body.data, coordinate).toBeTruthy();
        } else {
          expect(codeOf(anon), `${coordinate} anonymously: ${query}`).toBe('UNAUTHENTICATED');
          expect(anon.status, coordinate).toBe(401);
          expect(anon.body.data ?? null, coordinate).toBeNull();
        }
        if (need === 'ADMIN') {
          checked.admin++;
          expect(codeOf(bot), `${coordinate} as BOT: ${query}`).toBe('FORBIDDEN');
          expect(bot.body.data ?? null, coordinate).toBeNull();
        } else if (at.acting === true || ACTING_MEMBER_RULES.has(coordinate)) {
          checked.key++;
          expect(bot.body.errors?.[0]?.extensions, `${coordinate} as BOT acting for no one: ${query}`).toMatchObject({ code: 'FORBIDDEN', reason: 'ACTING_MEMBER_REQUIRED' });
        } else {
          if (need === 'KEY') checked.key++;
          expect(bot.body.errors, `${coordinate} as BOT: ${query}`).toBeUndefined();
          expect(bot.body.data, coordinate).toBeTruthy();
        }
      }
    }
    // The walk reached the member and admin types, not only the public ones.
    for (const t of ['Member', 'Application', 'MemberMatch', 'TeamProposal', 'TeamFormation', 'ImportJob', 'ApiKey']) expect(reach.has(t), t).toBe(true);
    expect(checked.public).toBeGreaterThan(20);
    expect(checked.key).toBeGreaterThan(20);
    expect(checked.admin).toBeGreaterThan(10);
    console.log('[read model] fields checked', JSON.stringify(checked));
  });

  it('private data returned by a public field is refused too: an opening`s applications and their members', async () => {
    const q = `query($id: ID!) { opening(id: $id) { title applications { member { discordId } } } }`;
    const anon = await api.gql(q, { id: ids.opening });
    expect(codeOf(anon)).toBe('UNAUTHENTICATED');
    expect(anon.body.errors![0]!.message).toContain('Opening.applications');
    expect(JSON.stringify(anon.body)).not.toContain(DISCORD_ID);
    const bot = await api.gql(q, { id: ids.opening }, api.botKey);
    expect(bot.body.data!.opening.applications[0].member.discordId).toBe(DISCORD_ID);
  });

  it('recommendOpenings: a profile is public, a stored memberId needs a key (also when sent as a variable)', async () => {
    const q = `query($m: ID, $p: ProfileInput) { recommendOpenings(memberId: $m, profile: $p, first: 2) { score } }`;
    expect((await api.gql(q, { p: { region: '서울', experienceYears: 1, stacks: ['Java'] } })).body.data!.recommendOpenings.length).toBeGreaterThan(0);
    const anon = await api.gql(q, { m: ids.member });
    expect(codeOf(anon)).toBe('UNAUTHENTICATED');
    expect(anon.body.errors![0]!.extensions!.field).toBe('Query.recommendOpenings(memberId:)');
    expect((await api.gql(`{ recommendOpenings(memberId: "${ids.member}", first: 2) { score } }`)).body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(q, { m: ids.member }, api.botKey)).body.errors).toBeUndefined();
  });

  it('fragments and aliases do not hide private fields', async () => {
    const viaFragment = await api.gql(`{ x: member(id: "${ids.member}") { ...M } } fragment M on Member { discordId }`);
    expect(codeOf(viaFragment)).toBe('UNAUTHENTICATED');
    const inline = await api.gql(`{ opening(id: "${ids.opening}") { ... on Opening { applications { id } } } }`);
    expect(codeOf(inline)).toBe('UNAUTHENTICATED');
    const typename = await api.gql(`{ member(id: "${ids.member}") { __typename } }`);
    expect(codeOf(typename)).toBe('UNAUTHENTICATED');
  });

  it('every mutation: anonymous callers are refused before anything runs, BOT keys on ADMIN mutations too', async () => {
    const before = await tableCounts(api);
    const mutation = schema.getMutationType()!;
    let count = 0;
    for (const field of Object.values(mutation.getFields())) {
      const defs = field.args.filter((a) => isNonNullType(a.type));
      const vars = defs.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const query = `mutation${vars ? `(${vars})` : ''} { ${field.name}${defs.length ? `(${defs.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}${isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''} }`;
      const variables = Object.fromEntries(defs.map((a) => [a.name, placeholder(a.type)]));
      const anon = await api.gql(query, variables);
      expect(codeOf(anon), `${field.name}: ${query}`).toBe('UNAUTHENTICATED');
      expect(anon.body.data ?? null).toBeNull();
      if (fieldNeed(mutation, field) === 'ADMIN') expect(codeOf(await api.gql(query, variables, api.botKey)), field.name).toBe('FORBIDDEN');
      count++;
    }
    expect(count).toBeGreaterThanOrEqual(13);
    expect(await tableCounts(api)).toEqual(before);
  });
});


import type { InProcessApi } from '../../src/testing';

export const MEMBER_FIELDS = 'id displayName discordId region experienceYears stacks traits sentence';
export const OPENING_FIELDS =
  'id externalId kind title description region stacks minExperienceYears tags capacity status freeSeats acceptedCount applicationCount sentence';

export function opening(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: null,
    kind: 'PROJECT',
    title: '자바 스프링 프로젝트',
    description: '함께 만들어요',
    region: '서울',
    stacks: ['Java', 'Spring Boot'],
    minExperienceYears: 1,
    tags: ['팀 협업'],
    capacity: 3,
    ...overrides,
  };
}

export function member(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: '김민준',
    region: '서울',
    experienceYears: 2,
    stacks: ['Java'],
    traits: ['비전공자'],
    ...overrides,
  };
}

export async function createOpening(api: InProcessApi, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const r = await api.gql(`mutation($i: OpeningInput!) { createOpening(input: $i) { ${OPENING_FIELDS} } }`, { i: opening(overrides) }, api.adminKey);
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data!.createOpening;
}

export async function createMember(api: InProcessApi, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const r = await api.gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { ${MEMBER_FIELDS} } }`, { i: member(overrides) }, api.botKey);
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data!.upsertMember;
}

/** Row counts of every table the API writes, to prove a refused request changed nothing. */
export async function tableCounts(api: InProcessApi): Promise<Record<string, number>> {
  const p = api.db.prisma;
  const [members, openings, applications, invitations, notifications, apiKeys, importJobs, memberVectors, openingVectors] = await Promise.all([
    p.member.count(),
    p.opening.count(),
    p.application.count(),
    p.invitation.count(),
    p.notification.count(),
    p.apiKey.count(),
    p.importJob.count(),
    p.memberEmbedding.count(),
    p.openingEmbedding.count(),
  ]);
  const statuses = await p.opening.groupBy({ by: ['status'], _count: { _all: true } });
  const appStatuses = await p.application.groupBy({ by: ['status'], _count: { _all: true } });
  const invitationStatuses = await p.invitation.groupBy({ by: ['status'], _count: { _all: true } });
  const leads = await p.opening.count({ where: { leadId: { not: null } } });
  return {
    members,
    openings,
    applications,
    invitations,
    notifications,
    apiKeys,
    importJobs,
    memberVectors,
    openingVectors,
    ...Object.fromEntries(statuses.map((s) => [`opening:${s.status}`, s._count._all])),
    ...Object.fromEntries(appStatuses.map((s) => [`application:${s.status}`, s._count._all])),
    ...Object.fromEntries(invitationStatuses.map((s) => [`invitation:${s.status}`, s._count._all])),
    'opening:led': leads,
  };
}

export function errorOf(r: { body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }) {
  const e = r.body.errors?.[0];
  if (!e) throw new Error(`expected an error, got ${JSON.stringify(r.body)}`);
  const x = e.extensions ?? {};
  return { message: e.message, code: x.code, field: x.field, value: x.value, ...(x.reason === undefined ? {} : { reason: x.reason }) };
}

/** Headers of a BOT request acting for the member with this Discord id. */
export function actingAs(discordId: string): Record<string, string> {
  return { 'x-moim-acting-discord-id': discordId };
}

let nextSnowflake = 100_000_000_000_000_000n;
/** A fresh Discord-like id (18 digits), unique within the test process. */
export function snowflake(): string {
  nextSnowflake += BigInt(1 + Math.floor(Math.random() * 1000));
  return String(nextSnowflake);
}

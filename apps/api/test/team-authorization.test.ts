import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { actingAs, createMember, errorOf, opening, snowflake, tableCounts } from './support/fixtures';

/**
 * The authorization matrix of the team loop: every lead-only and applicant/invitee/self-only operation, tried with a
 * BOT key acting as someone else (and with no acting member at all), is FORBIDDEN with a stable reason and changes
 * no row; the same operation as the right member (or ADMIN) works.
 */
let api: InProcessApi;
const people: Record<'lead' | 'applicant' | 'invitee' | 'stranger', { id: string; discordId: string }> = {} as never;
let ids: { opening: string; application: string; invitation: string };

beforeAll(async () => {
  api = await startApi();
  for (const name of ['lead', 'applicant', 'invitee', 'stranger'] as const) {
    const discordId = snowflake();
    people[name] = { id: (await createMember(api, { displayName: name, discordId })).id, discordId };
  }
  const as = (who: keyof typeof people) => actingAs(people[who].discordId);
  const o = await api.gql(`mutation($i: OpeningInput!) { createOpening(input: $i) { id } }`, { i: opening({ capacity: 3 }) }, api.botKey, as('lead'));
  const openingId = o.body.data!.createOpening.id;
  const a = await api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: people.applicant.id, o: openingId }, api.botKey, as('applicant'));
  const i = await api.gql(`mutation($o: ID!, $m: ID!) { inviteMember(openingId: $o, memberId: $m) { id } }`, { o: openingId, m: people.invitee.id }, api.botKey, as('lead'));
  ids = { opening: openingId, application: a.body.data!.apply.id, invitation: i.body.data!.inviteMember.id };
});
afterAll(async () => {
  await api?.close();
});

type Op = { name: string; query: string; variables: () => Record<string, unknown>; reason: string; allowed: keyof typeof people };

const leadOnly: Op[] = [
  { name: 'updateOpening', query: `mutation($id: ID!, $i: OpeningInput!) { updateOpening(id: $id, input: $i) { id } }`, variables: () => ({ id: ids.opening, i: opening({ capacity: 3, title: '바꿈' }) }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'closeOpening', query: `mutation($id: ID!) { closeOpening(id: $id) { id } }`, variables: () => ({ id: ids.opening }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'reopenOpening', query: `mutation($id: ID!) { reopenOpening(id: $id) { id } }`, variables: () => ({ id: ids.opening }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'decideApplication', query: `mutation($id: ID!) { decideApplication(id: $id, accept: false) { id } }`, variables: () => ({ id: ids.application }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'recommendMembers', query: `query($o: ID!) { recommendMembers(openingId: $o) { score } }`, variables: () => ({ o: ids.opening }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'proposeTeam', query: `query($o: ID!) { proposeTeam(openingId: $o) { totalScore } }`, variables: () => ({ o: ids.opening }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'inviteMember', query: `mutation($o: ID!, $m: ID!) { inviteMember(openingId: $o, memberId: $m) { id } }`, variables: () => ({ o: ids.opening, m: people.stranger.id }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'withdrawInvitation', query: `mutation($id: ID!) { withdrawInvitation(id: $id) { id } }`, variables: () => ({ id: ids.invitation }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'startTeam', query: `mutation($o: ID!) { startTeam(openingId: $o) { id } }`, variables: () => ({ o: ids.opening }), reason: 'NOT_LEAD', allowed: 'lead' },
  { name: 'Opening.invitations', query: `query($o: ID!) { opening(id: $o) { invitations { id } } }`, variables: () => ({ o: ids.opening }), reason: 'NOT_LEAD', allowed: 'lead' },
];

const memberOnly: Op[] = [
  { name: 'apply', query: `mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, variables: () => ({ m: people.applicant.id, o: ids.opening }), reason: 'NOT_APPLICANT', allowed: 'applicant' },
  { name: 'withdrawApplication', query: `mutation($id: ID!) { withdrawApplication(id: $id) { id } }`, variables: () => ({ id: ids.application }), reason: 'NOT_APPLICANT', allowed: 'applicant' },
  { name: 'respondToInvitation', query: `mutation($id: ID!) { respondToInvitation(id: $id, accept: true) { id } }`, variables: () => ({ id: ids.invitation }), reason: 'NOT_INVITEE', allowed: 'invitee' },
  { name: 'Member.notifications', query: `query($m: ID!) { member(id: $m) { notifications { id } } }`, variables: () => ({ m: people.invitee.id }), reason: 'NOT_SELF', allowed: 'invitee' },
  { name: 'Member.invitations', query: `query($m: ID!) { member(id: $m) { invitations { id } } }`, variables: () => ({ m: people.invitee.id }), reason: 'NOT_SELF', allowed: 'invitee' },
];

describe('team-loop authorization matrix (BOT key acting as someone else)', () => {
  const everyone = [...leadOnly, ...memberOnly];

  it.each(everyone.map((op) => [op.name, op] as const))('%s: FORBIDDEN for everyone but the right member, nothing changed', async (_name, op) => {
    const before = await tableCounts(api);
    const wrong = (Object.keys(people) as (keyof typeof people)[]).filter((p) => p !== op.allowed);
    for (const who of wrong) {
      const r = await api.gql(op.query, op.variables(), api.botKey, actingAs(people[who].discordId));
      expect(errorOf(r), `${op.name} acting as ${who}`).toMatchObject({ code: 'FORBIDDEN', reason: op.reason });
      expect(r.body.data?.[Object.keys(r.body.data ?? {})[0] ?? ''] ?? null).toBeNull();
    }
    const anonymousBot = await api.gql(op.query, op.variables(), api.botKey);
    expect(errorOf(anonymousBot), `${op.name} with no acting member`).toMatchObject({ code: 'FORBIDDEN', reason: 'ACTING_MEMBER_REQUIRED' });
    expect(await tableCounts(api)).toEqual(before);
  });

  it('createOpening with a BOT key needs an acting member and cannot name another lead; nothing changes', async () => {
    const before = await tableCounts(api);
    const CREATE = `mutation($i: OpeningInput!) { createOpening(input: $i) { id } }`;
    expect(errorOf(await api.gql(CREATE, { i: opening() }, api.botKey))).toMatchObject({ code: 'FORBIDDEN', reason: 'ACTING_MEMBER_REQUIRED' });
    expect(errorOf(await api.gql(CREATE, { i: opening({ leadDiscordId: people.lead.discordId }) }, api.botKey, actingAs(people.stranger.discordId)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'LEAD_ADMIN_ONLY',
    });
    expect(await tableCounts(api)).toEqual(before);
  });

  it('the right member (and ADMIN) may do each of them', async () => {
    for (const op of [...leadOnly.filter((o) => !['closeOpening', 'decideApplication', 'withdrawInvitation'].includes(o.name)), ...memberOnly.filter((o) => o.name.startsWith('Member.'))]) {
      const r = await api.gql(op.query, op.variables(), api.botKey, actingAs(people[op.allowed].discordId));
      expect(r.body.errors, op.name).toBeUndefined();
      if (op.name === 'inviteMember') continue; // a second invitation of the same member is ALREADY_INVITED
      const admin = await api.gql(op.query, op.variables(), api.adminKey);
      expect(admin.body.errors, `${op.name} as ADMIN`).toBeUndefined();
    }
    const responded = await api.gql(memberOnly[2]!.query, memberOnly[2]!.variables(), api.botKey, actingAs(people.invitee.discordId));
    expect(responded.body.errors).toBeUndefined();
    const withdrawn = await api.gql(memberOnly[1]!.query, memberOnly[1]!.variables(), api.botKey, actingAs(people.applicant.discordId));
    expect(withdrawn.body.errors).toBeUndefined();
    const closed = await api.gql(leadOnly[1]!.query, leadOnly[1]!.variables(), api.botKey, actingAs(people.lead.discordId));
    expect(closed.body.errors).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { actingAs, createMember, opening, snowflake } from './support/fixtures';

/** Seat races of the team loop on PostgreSQL (PGlite runs one statement at a time and would hide them). */
let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const ROUNDS = 12;

async function person(name: string) {
  const discordId = snowflake();
  return { id: (await createMember(api, { displayName: name, discordId })).id, discordId };
}

describe('last seat: an accepted invitation racing an accepted application', () => {
  it(`never overfills, over ${ROUNDS} rounds: one wins, the other is refused, pending requests are withdrawn, TEAM_FORMED once`, async () => {
    const lead = await person('레이스 리더');
    const invitees = await Promise.all([0, 1].map((i) => person(`제안${i}`)));
    const applicants = await Promise.all([0, 1].map((i) => person(`지원${i}`)));
    const outcomes = { invitation: 0, application: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const created = await api.gql(`mutation($i: OpeningInput!) { createOpening(input: $i) { id } }`, { i: opening({ capacity: 1, title: `레이스 ${round}` }) }, api.botKey, actingAs(lead.discordId));
      const openingId = created.body.data!.createOpening.id as string;
      const invitations: string[] = [];
      for (const m of invitees) {
        const r = await api.gql(`mutation($o: ID!, $m: ID!) { inviteMember(openingId: $o, memberId: $m) { id } }`, { o: openingId, m: m.id }, api.botKey, actingAs(lead.discordId));
        invitations.push(r.body.data!.inviteMember.id);
      }
      const applications: string[] = [];
      for (const m of applicants) {
        const r = await api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: m.id, o: openingId }, api.botKey, actingAs(m.discordId));
        applications.push(r.body.data!.apply.id);
      }
      // Alternate which request is sent first, so neither side always wins.
      const respond = () => api.gql(`mutation($id: ID!) { respondToInvitation(id: $id, accept: true) { status } }`, { id: invitations[0] }, api.botKey, actingAs(invitees[0]!.discordId));
      const decide = () => api.gql(`mutation($id: ID!) { decideApplication(id: $id, accept: true) { status } }`, { id: applications[0] }, api.botKey, actingAs(lead.discordId));
      const [a, b] = round % 2 === 0 ? await Promise.all([respond(), decide()]) : (await Promise.all([decide(), respond()])).reverse();
      const wins = [a!.body.data?.respondToInvitation?.status === 'ACCEPTED', b!.body.data?.decideApplication?.status === 'ACCEPTED'];
      expect(wins.filter(Boolean), `round ${round}: exactly one seat given`).toHaveLength(1);
      const loser = wins[0] ? b! : a!;
      expect(loser.body.errors?.[0]?.extensions?.code, `round ${round}`).toBe('BAD_USER_INPUT');
      if (wins[0]) outcomes.invitation++;
      else outcomes.application++;

      const [openingRow, apps, invs, formed] = await Promise.all([
        api.db.prisma.opening.findUniqueOrThrow({ where: { id: openingId } }),
        api.db.prisma.application.findMany({ where: { openingId } }),
        api.db.prisma.invitation.findMany({ where: { openingId } }),
        api.db.prisma.notification.findMany({ where: { openingId, kind: 'TEAM_FORMED' } }),
      ]);
      expect(openingRow.status).toBe('FULL');
      const seats = apps.filter((x) => x.status === 'ACCEPTED').length + invs.filter((x) => x.status === 'ACCEPTED').length;
      expect(seats, `round ${round}: seats`).toBe(1);
      expect([...apps, ...invs].filter((x) => x.status === 'APPLIED' || x.status === 'PENDING'), `round ${round}: nothing left pending`).toEqual([]);
      const winner = wins[0] ? invitees[0]!.id : applicants[0]!.id;
      expect(formed.map((n) => n.recipientId).sort(), `round ${round}: TEAM_FORMED once to lead and winner`).toEqual([lead.id, winner].sort());
    }
    console.log(`[team-races] last seat won by the invitation ${outcomes.invitation}×, by the application ${outcomes.application}×`);
  });

  it('an invite racing an apply of the same member: exactly one of them is written', async () => {
    const lead = await person('동시 리더');
    for (let round = 0; round < ROUNDS; round++) {
      const m = await person(`동시 ${round}`);
      const created = await api.gql(`mutation($i: OpeningInput!) { createOpening(input: $i) { id } }`, { i: opening({ capacity: 2 }) }, api.botKey, actingAs(lead.discordId));
      const openingId = created.body.data!.createOpening.id as string;
      const [invite, apply] = await Promise.all([
        api.gql(`mutation($o: ID!, $m: ID!) { inviteMember(openingId: $o, memberId: $m) { id } }`, { o: openingId, m: m.id }, api.botKey, actingAs(lead.discordId)),
        api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: m.id, o: openingId }, api.botKey, actingAs(m.discordId)),
      ]);
      const written = [invite.body.data?.inviteMember, apply.body.data?.apply].filter(Boolean);
      expect(written, `round ${round}`).toHaveLength(1);
      const refused = invite.body.errors?.[0] ?? apply.body.errors?.[0];
      expect(['ALREADY_APPLIED', 'ALREADY_INVITED']).toContain(refused?.extensions?.reason);
      const rows = (await api.db.prisma.application.count({ where: { openingId } })) + (await api.db.prisma.invitation.count({ where: { openingId } }));
      expect(rows, `round ${round}`).toBe(1);
    }
  });
});

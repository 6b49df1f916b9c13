import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { actingAs, createMember, errorOf, opening, snowflake, tableCounts } from './support/fixtures';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const CREATE = `mutation($i: OpeningInput!) { createOpening(input: $i) { id status lead { id } } }`;
const APPLY = `mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id status } }`;
const DECIDE = `mutation($id: ID!, $accept: Boolean!) { decideApplication(id: $id, accept: $accept) { id status opening { status freeSeats } } }`;
const INVITE = `mutation($o: ID!, $m: ID!) { inviteMember(openingId: $o, memberId: $m) { id status member { id } opening { id } } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToInvitation(id: $id, accept: $accept) { id status opening { status freeSeats acceptedCount } } }`;
const CLAIM = `mutation($n: Int!, $lease: Int) { claimNotifications(limit: $n, leaseSeconds: $lease) { id kind recipient { id } opening { id } payload createdAt deliveredAt } }`;
const ACK = `mutation($ids: [ID!]!) { ackNotifications(ids: $ids) }`;

interface Person {
  id: string;
  discordId: string;
}

async function person(name: string, extra: Record<string, unknown> = {}): Promise<Person> {
  const discordId = snowflake();
  const m = await createMember(api, { displayName: name, discordId, ...extra });
  return { id: m.id, discordId };
}

function asBot(p: Person) {
  return <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => api.gql<T>(query, variables, api.botKey, actingAs(p.discordId));
}

/** createOpening queues the NEW_MATCH fan-out as a job: waits (bounded) until the job has cleared the opening's mark. */
async function fannedOut(openingId: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    const o = await api.db.prisma.opening.findUniqueOrThrow({ where: { id: openingId }, select: { newMatchesPending: true } });
    if (!o.newMatchesPending) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the new-match fan-out of ${openingId} did not run within 30 s`);
}

async function outbox(recipientId: string) {
  return api.db.prisma.notification.findMany({ where: { recipientId }, orderBy: { createdAt: 'asc' } });
}

describe('the team loop through GraphQL', () => {
  it('open → recommend → invite + apply → decisions → FULL → team thread, with every notification in the outbox', async () => {
    const lead = await person('리더');
    const invitee = await person('제안받은사람');
    const applicant = await person('지원자');
    const watcher = await person('알림구독자', { notifyThreshold: 0 });
    const picky = await person('까다로운구독자', { notifyThreshold: 1 });

    // /open: a BOT key acting for the lead creates the opening; the lead leads it.
    const created = await asBot(lead)(CREATE, { i: opening({ capacity: 2, title: '팀 루프 프로젝트' }) });
    expect(created.body.errors).toBeUndefined();
    const o = created.body.data!.createOpening;
    expect(o.lead).toEqual({ id: lead.id });
    await fannedOut(o.id);
    // NEW_MATCH went to the member whose threshold it meets, never to the lead, not to a threshold of 1.
    expect((await outbox(watcher.id)).map((n) => n.kind)).toEqual(['NEW_MATCH']);
    expect(await outbox(lead.id)).toEqual([]);
    expect((await outbox(picky.id)).filter((n) => n.kind === 'NEW_MATCH')).toEqual([]);
    const match = (await outbox(watcher.id))[0]!.payload as Record<string, unknown>;
    expect(match).toMatchObject({ openingId: o.id, openingTitle: '팀 루프 프로젝트' });
    expect(typeof match.score).toBe('number');

    // /team: the lead sees recommended members; nobody else does.
    const recommended = await asBot(lead)(`query($o: ID!) { recommendMembers(openingId: $o, first: 10) { member { id } } }`, { o: o.id });
    expect(recommended.body.errors).toBeUndefined();
    expect(recommended.body.data!.recommendMembers.map((m: { member: { id: string } }) => m.member.id)).toContain(invitee.id);
    expect(errorOf(await asBot(invitee)(`query($o: ID!) { recommendMembers(openingId: $o) { score } }`, { o: o.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_LEAD' });

    // 제안하기 + another member's apply.
    const invited = await asBot(lead)(INVITE, { o: o.id, m: invitee.id });
    expect(invited.body.data!.inviteMember).toMatchObject({ status: 'PENDING', member: { id: invitee.id }, opening: { id: o.id } });
    const invitationId = invited.body.data!.inviteMember.id;
    expect((await outbox(invitee.id)).map((n) => [n.kind, n.payload])).toEqual([
      ['INVITATION_RECEIVED', { invitationId, openingId: o.id, openingTitle: '팀 루프 프로젝트', leadName: '리더' }],
    ]);
    const applied = await asBot(applicant)(APPLY, { m: applicant.id, o: o.id });
    const applicationId = applied.body.data!.apply.id;
    expect((await outbox(lead.id)).map((n) => [n.kind, n.payload])).toEqual([
      ['APPLICATION_RECEIVED', { applicationId, openingId: o.id, openingTitle: '팀 루프 프로젝트', applicantId: applicant.id, applicantName: '지원자' }],
    ]);

    // Bad requests change nothing.
    const before = await tableCounts(api);
    expect(errorOf(await asBot(lead)(INVITE, { o: o.id, m: invitee.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId', reason: 'ALREADY_INVITED' });
    expect(errorOf(await asBot(lead)(INVITE, { o: o.id, m: applicant.id }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_APPLIED' });
    expect(errorOf(await asBot(lead)(INVITE, { o: o.id, m: lead.id }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SELF_INVITE' });
    expect(errorOf(await asBot(invitee)(APPLY, { m: invitee.id, o: o.id }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_INVITED' });
    expect(await tableCounts(api)).toEqual(before);

    // Decisions: the invitee accepts, the lead accepts the application — the last seat: FULL.
    const accepted = await asBot(invitee)(RESPOND, { id: invitationId, accept: true });
    expect(accepted.body.data!.respondToInvitation).toMatchObject({ status: 'ACCEPTED', opening: { status: 'OPEN', freeSeats: 1, acceptedCount: 1 } });
    expect(errorOf(await asBot(invitee)(RESPOND, { id: invitationId, accept: false }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVITATION_NOT_PENDING' });
    const decided = await asBot(lead)(DECIDE, { id: applicationId, accept: true });
    expect(decided.body.data!.decideApplication).toMatchObject({ status: 'ACCEPTED', opening: { status: 'FULL', freeSeats: 0 } });
    expect(errorOf(await asBot(lead)(INVITE, { o: o.id, m: watcher.id }))).toMatchObject({ reason: 'OPENING_NOT_OPEN' });
    expect(errorOf(await asBot(lead)(INVITE, { o: o.id, m: invitee.id }))).toMatchObject({ reason: 'OPENING_NOT_OPEN' });

    const team = [lead, invitee, applicant].map((p) => p.id);
    const formed = await api.db.prisma.notification.findMany({ where: { kind: 'TEAM_FORMED', openingId: o.id } });
    expect(formed.map((n) => n.recipientId).sort()).toEqual([...team].sort());
    for (const n of formed) {
      const payload = n.payload as { role: string; members: { id: string }[] };
      expect(payload.role).toBe(n.recipientId === lead.id ? 'LEAD' : 'MEMBER');
      expect(payload.members.map((m) => m.id)).toEqual(team);
    }
    expect((await outbox(applicant.id)).map((n) => n.kind)).toEqual(['APPLICATION_DECIDED', 'TEAM_FORMED']);
    expect((await outbox(lead.id)).map((n) => n.kind)).toEqual(['APPLICATION_RECEIVED', 'INVITATION_ANSWERED', 'TEAM_FORMED']);

    // The bot drains the outbox: every row once, then acknowledged.
    const claimed = await api.gql(CLAIM, { n: 100, lease: 60 }, api.botKey);
    expect(claimed.body.errors).toBeUndefined();
    const rows = claimed.body.data!.claimNotifications as { id: string; kind: string; payload: string; deliveredAt: string | null }[];
    expect(rows.length).toBe(await api.db.prisma.notification.count());
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['NEW_MATCH', 'INVITATION_RECEIVED', 'APPLICATION_RECEIVED', 'INVITATION_ANSWERED', 'APPLICATION_DECIDED', 'TEAM_FORMED']));
    expect(rows.every((r) => r.deliveredAt === null && typeof JSON.parse(r.payload) === 'object')).toBe(true);
    expect((await api.gql(CLAIM, { n: 100 }, api.botKey)).body.data!.claimNotifications).toEqual([]);
    expect((await api.gql(ACK, { ids: rows.map((r) => r.id) }, api.botKey)).body.data!.ackNotifications).toBe(rows.length);
    expect((await api.gql(ACK, { ids: rows.map((r) => r.id) }, api.botKey)).body.data!.ackNotifications).toBe(0);
    expect(errorOf(await api.gql(CLAIM, { n: 101 }, api.botKey))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
    expect(errorOf(await api.gql(CLAIM, { n: 5, lease: 1 }, api.botKey))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leaseSeconds' });

    // The team thread is recorded once.
    const RECORD = `mutation($o: ID!, $t: String!) { recordTeamThread(openingId: $o, threadId: $t) { teamThreadId } }`;
    expect((await api.gql(RECORD, { o: o.id, t: '123456789012345678' }, api.botKey)).body.data!.recordTeamThread).toEqual({ teamThreadId: '123456789012345678' });
    expect((await api.gql(RECORD, { o: o.id, t: '123456789012345678' }, api.botKey)).body.data!.recordTeamThread).toEqual({ teamThreadId: '123456789012345678' });
    expect(errorOf(await api.gql(RECORD, { o: o.id, t: '999999999999999999' }, api.botKey))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'THREAD_ALREADY_RECORDED' });

    // What the lead and the members read.
    const view = await asBot(lead)(`query($o: ID!) { opening(id: $o) { lead { id } team { id } invitations { status } teamThreadId } }`, { o: o.id });
    expect(view.body.data!.opening).toEqual({ lead: { id: lead.id }, team: team.map((id) => ({ id })), invitations: [{ status: 'ACCEPTED' }], teamThreadId: '123456789012345678' });
    const mine = await asBot(applicant)(`query($m: ID!) { member(id: $m) { notifications(first: 5) { kind deliveredAt } invitations { id } } }`, { m: applicant.id });
    expect(mine.body.data!.member.notifications.map((n: { kind: string }) => n.kind)).toEqual(['TEAM_FORMED', 'APPLICATION_DECIDED']);
    expect(mine.body.data!.member.notifications.every((n: { deliveredAt: string | null }) => n.deliveredAt !== null)).toBe(true);
    expect(errorOf(await asBot(lead)(`query($m: ID!) { member(id: $m) { notifications { id } } }`, { m: applicant.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_SELF' });

    // A withdrawal frees the seat and tells the lead; starting the team tells everyone on it.
    const w = await asBot(applicant)(`mutation($id: ID!) { withdrawApplication(id: $id) { status opening { status freeSeats } } }`, { id: applicationId });
    expect(w.body.data!.withdrawApplication).toEqual({ status: 'WITHDRAWN', opening: { status: 'OPEN', freeSeats: 1 } });
    const freed = (await outbox(lead.id)).filter((n) => n.kind === 'SEAT_FREED');
    expect(freed.map((n) => n.payload)).toEqual([{ openingId: o.id, openingTitle: '팀 루프 프로젝트', memberName: '지원자', freeSeats: 1 }]);
    const started = await asBot(lead)(`mutation($o: ID!) { startTeam(openingId: $o) { id } }`, { o: o.id });
    expect(started.body.errors).toBeUndefined();
    const second = await api.db.prisma.notification.findMany({ where: { kind: 'TEAM_FORMED', openingId: o.id, deliveredAt: null } });
    expect(second.map((n) => n.recipientId).sort()).toEqual([lead.id, invitee.id].sort());
  });

  it('tells members whose pending application or invitation the last seat or a close withdrew (SEAT_REQUEST_CLOSED)', async () => {
    const lead = await person('마감 리더');
    const seated = await person('합류자');
    const waiting = await person('대기 지원자');
    const invitee = await person('대기 제안자');
    const o = (await asBot(lead)(CREATE, { i: opening({ capacity: 1, title: '한 자리 팀' }) })).body.data!.createOpening;
    const seat = (await asBot(seated)(APPLY, { m: seated.id, o: o.id })).body.data!.apply.id;
    const pending = (await asBot(waiting)(APPLY, { m: waiting.id, o: o.id })).body.data!.apply.id;
    const invitation = (await asBot(lead)(INVITE, { o: o.id, m: invitee.id })).body.data!.inviteMember.id;
    expect((await asBot(lead)(DECIDE, { id: seat, accept: true })).body.data!.decideApplication.opening.status).toBe('FULL');

    const closedFor = async (p: Person) => (await outbox(p.id)).filter((n) => n.kind === 'SEAT_REQUEST_CLOSED').map((n) => [n.openingId, n.payload]);
    expect(await closedFor(waiting)).toEqual([
      [o.id, { openingId: o.id, openingTitle: '한 자리 팀', reason: 'FULL', request: 'APPLICATION', applicationId: pending }],
    ]);
    expect(await closedFor(invitee)).toEqual([
      [o.id, { openingId: o.id, openingTitle: '한 자리 팀', reason: 'FULL', request: 'INVITATION', invitationId: invitation }],
    ]);
    expect(await closedFor(seated)).toEqual([]);
    expect(await closedFor(lead)).toEqual([]);
    expect((await api.db.prisma.application.findUniqueOrThrow({ where: { id: pending } })).status).toBe('WITHDRAWN');
    expect((await api.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation } })).status).toBe('WITHDRAWN');

    // Closing withdraws what is pending too, and tells each member; a second close has nothing left to withdraw.
    const roomy = (await asBot(lead)(CREATE, { i: opening({ capacity: 3, title: '닫히는 팀' }) })).body.data!.createOpening;
    const late = (await asBot(waiting)(APPLY, { m: waiting.id, o: roomy.id })).body.data!.apply.id;
    const lateInvitation = (await asBot(lead)(INVITE, { o: roomy.id, m: invitee.id })).body.data!.inviteMember.id;
    const CLOSE = `mutation($id: ID!) { closeOpening(id: $id) { status } }`;
    const before = await tableCounts(api);
    expect(errorOf(await asBot(waiting)(CLOSE, { id: roomy.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(api)).toEqual(before);
    expect((await asBot(lead)(CLOSE, { id: roomy.id })).body.data!.closeOpening).toEqual({ status: 'CLOSED' });
    expect((await closedFor(waiting)).slice(1)).toEqual([
      [roomy.id, { openingId: roomy.id, openingTitle: '닫히는 팀', reason: 'CLOSED', request: 'APPLICATION', applicationId: late }],
    ]);
    expect((await closedFor(invitee)).slice(1)).toEqual([
      [roomy.id, { openingId: roomy.id, openingTitle: '닫히는 팀', reason: 'CLOSED', request: 'INVITATION', invitationId: lateInvitation }],
    ]);
    expect((await api.db.prisma.application.findUniqueOrThrow({ where: { id: late } })).status).toBe('WITHDRAWN');
    const afterClose = await api.db.prisma.notification.count();
    expect((await asBot(lead)(CLOSE, { id: roomy.id })).body.data!.closeOpening).toEqual({ status: 'CLOSED' });
    expect(await api.db.prisma.notification.count()).toBe(afterClose);
  });

  it('tells pending members when an edit or a re-import lowers the capacity to the seats taken (SEAT_REQUEST_CLOSED, FULL)', async () => {
    const lead = await person('정원 리더');
    const seated = await person('먼저 합류');
    const waiting = await person('수정 대기자');
    const importWaiting = await person('재업로드 대기자');
    const closedFor = async (p: Person) => (await outbox(p.id)).filter((n) => n.kind === 'SEAT_REQUEST_CLOSED').map((n) => [n.openingId, n.payload]);
    const UPDATE = `mutation($id: ID!, $i: OpeningInput!) { updateOpening(id: $id, input: $i) { status } }`;

    // updateOpening by the lead: capacity 3 -> 1 with one seat taken.
    const o = (await asBot(lead)(CREATE, { i: opening({ capacity: 3, title: '줄어드는 팀' }) })).body.data!.createOpening;
    const seat = (await asBot(seated)(APPLY, { m: seated.id, o: o.id })).body.data!.apply.id;
    const pending = (await asBot(waiting)(APPLY, { m: waiting.id, o: o.id })).body.data!.apply.id;
    await asBot(lead)(DECIDE, { id: seat, accept: true });
    expect((await asBot(lead)(UPDATE, { id: o.id, i: opening({ capacity: 1, title: '줄어드는 팀' }) })).body.data!.updateOpening).toEqual({ status: 'FULL' });
    expect((await api.db.prisma.application.findUniqueOrThrow({ where: { id: pending } })).status).toBe('WITHDRAWN');
    expect(await closedFor(waiting)).toEqual([
      [o.id, { openingId: o.id, openingTitle: '줄어드는 팀', reason: 'FULL', request: 'APPLICATION', applicationId: pending }],
    ]);
    // Saving it again while FULL tells nobody twice.
    await asBot(lead)(UPDATE, { id: o.id, i: opening({ capacity: 1, title: '줄어드는 팀' }) });
    expect(await closedFor(waiting)).toHaveLength(1);

    // A re-import by ADMIN: the same externalId, capacity lowered to the one seat taken.
    const IMPORT = `mutation($rows: [OpeningInput!]!) { importOpenings(input: $rows) { created updated failed { index } } }`;
    const row = (capacity: number) => opening({ externalId: 'shrinking-row', capacity, title: '재업로드 팀', leadDiscordId: lead.discordId });
    expect((await api.gql(IMPORT, { rows: [row(2)] }, api.adminKey)).body.data!.importOpenings).toMatchObject({ created: 1, failed: [] });
    const imported = await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'shrinking-row' } });
    const importSeat = (await asBot(seated)(APPLY, { m: seated.id, o: imported.id })).body.data!.apply.id;
    const importPending = (await asBot(importWaiting)(APPLY, { m: importWaiting.id, o: imported.id })).body.data!.apply.id;
    await asBot(lead)(DECIDE, { id: importSeat, accept: true });
    expect((await api.gql(IMPORT, { rows: [row(1)] }, api.adminKey)).body.data!.importOpenings).toMatchObject({ updated: 1, failed: [] });
    expect((await api.db.prisma.opening.findUniqueOrThrow({ where: { id: imported.id } })).status).toBe('FULL');
    expect((await api.db.prisma.application.findUniqueOrThrow({ where: { id: importPending } })).status).toBe('WITHDRAWN');
    expect(await closedFor(importWaiting)).toEqual([
      [imported.id, { openingId: imported.id, openingTitle: '재업로드 팀', reason: 'FULL', request: 'APPLICATION', applicationId: importPending }],
    ]);
    expect(await closedFor(seated)).toEqual([]);
  });

  it('keeps each member\'s DM language (locale) from upsertMember, for the outbox\'s recipient', async () => {
    const discordId = snowflake();
    const UPSERT = `mutation($i: MemberInput!) { upsertMember(input: $i) { id locale } }`;
    const profile = { displayName: 'English member', discordId, region: '서울', experienceYears: 1, stacks: ['Java'] };
    const created = await api.gql(UPSERT, { i: { ...profile, locale: 'en' } }, api.botKey, actingAs(discordId));
    expect(created.body.data!.upsertMember.locale).toBe('en');
    const id = created.body.data!.upsertMember.id as string;
    // Omitted keeps it; an unknown language is refused, naming the field, and changes nothing.
    expect((await api.gql(UPSERT, { i: profile }, api.botKey)).body.data!.upsertMember.locale).toBe('en');
    const before = await tableCounts(api);
    expect(errorOf(await api.gql(UPSERT, { i: { ...profile, locale: 'fr', displayName: '바뀌면 안 됨' } }, api.botKey))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.locale',
    });
    expect(await tableCounts(api)).toEqual(before);
    expect(await api.db.prisma.member.findUniqueOrThrow({ where: { id } })).toMatchObject({ displayName: 'English member', locale: 'en' });

    // The drain reads the recipient's language with each row.
    const lead = await person('언어 리더');
    const o = (await asBot(lead)(CREATE, { i: opening({ title: 'locale team' }) })).body.data!.createOpening;
    await asBot({ id, discordId })(APPLY, { m: id, o: o.id });
    await asBot(lead)(`mutation($id: ID!) { closeOpening(id: $id) { id } }`, { id: o.id });
    const mine = await asBot({ id, discordId })(`query($m: ID!) { member(id: $m) { notifications(first: 5) { kind recipient { locale } } } }`, { m: id });
    expect(mine.body.data!.member.notifications).toEqual([{ kind: 'SEAT_REQUEST_CLOSED', recipient: { locale: 'en' } }]);

    // null is the default again: Korean.
    expect((await api.gql(UPSERT, { i: { ...profile, locale: null } }, api.botKey)).body.data!.upsertMember.locale).toBeNull();
  });

  it('resolves the acting header strictly: malformed refuses the request, unknown refuses what depends on who acts', async () => {
    const before = await tableCounts(api);
    const malformed = await api.gql(CREATE, { i: opening() }, api.botKey, actingAs('not-a-snowflake'));
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'x-moim-acting-discord-id', reason: 'ACTING_MEMBER_MALFORMED' });
    const unknown = await api.gql(CREATE, { i: opening() }, api.botKey, actingAs('111111111111111111'));
    expect(errorOf(unknown)).toMatchObject({ code: 'FORBIDDEN', reason: 'ACTING_MEMBER_UNKNOWN' });
    const nobody = await api.gql(CREATE, { i: opening() }, api.botKey);
    expect(errorOf(nobody)).toMatchObject({ code: 'FORBIDDEN', reason: 'ACTING_MEMBER_REQUIRED' });
    expect(await tableCounts(api)).toEqual(before);

    // A new Discord user creates their profile with the header of their own (not yet known) id.
    const discordId = snowflake();
    const profile = await api.gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { id notifyThreshold } }`, {
      i: { displayName: '새 멤버', discordId, region: '서울', experienceYears: 1, stacks: ['Java'], notifyThreshold: 0.7 },
    }, api.botKey, actingAs(discordId));
    expect(profile.body.data!.upsertMember).toMatchObject({ notifyThreshold: 0.7 });
    const bad = await api.gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { id } }`, {
      i: { displayName: '새 멤버', discordId, region: '서울', experienceYears: 1, stacks: ['Java'], notifyThreshold: 1.5 },
    }, api.botKey);
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.notifyThreshold' });
    // Omitted keeps it; null turns it off.
    const kept = await api.gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { notifyThreshold } }`, {
      i: { displayName: '새 멤버', discordId, region: '서울', experienceYears: 1, stacks: ['Java'] },
    }, api.botKey);
    expect(kept.body.data!.upsertMember.notifyThreshold).toBe(0.7);
    const off = await api.gql(`mutation($i: MemberInput!) { upsertMember(input: $i) { notifyThreshold } }`, {
      i: { displayName: '새 멤버', discordId, region: '서울', experienceYears: 1, stacks: ['Java'], notifyThreshold: null },
    }, api.botKey);
    expect(off.body.data!.upsertMember.notifyThreshold).toBeNull();
  });

  it('ADMIN names leads by Discord id in createOpening and in imports; unknown leads are named', async () => {
    const lead = await person('업로드 리더');
    const r = await api.gql(CREATE, { i: opening({ leadDiscordId: lead.discordId }) }, api.adminKey);
    expect(r.body.data!.createOpening.lead).toEqual({ id: lead.id });
    const noLead = await api.gql(CREATE, { i: opening() }, api.adminKey);
    expect(noLead.body.data!.createOpening.lead).toBeNull();
    expect(errorOf(await api.gql(CREATE, { i: opening({ leadDiscordId: '222222222222222222' }) }, api.adminKey))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.leadDiscordId',
      reason: 'NOT_FOUND',
    });
    const other = await person('다른 사람');
    expect(errorOf(await api.gql(CREATE, { i: opening({ leadDiscordId: lead.discordId }) }, api.botKey, actingAs(other.discordId)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'LEAD_ADMIN_ONLY',
    });

    const imported = await api.gql(
      `mutation($rows: [OpeningInput!]!) { importOpenings(input: $rows) { created failed { index field } } }`,
      { rows: [opening({ externalId: 'lead-row-1', leadDiscordId: lead.discordId }), opening({ externalId: 'lead-row-2', leadDiscordId: '333333333333333333' })] },
      api.adminKey,
    );
    expect(imported.body.data!.importOpenings).toEqual({ created: 1, failed: [{ index: 1, field: 'leadDiscordId' }] });
    expect((await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'lead-row-1' } })).leadId).toBe(lead.id);
  });
});

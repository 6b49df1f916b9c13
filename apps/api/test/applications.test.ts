import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { createMember, createOpening, errorOf, tableCounts } from './support/fixtures';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const APPLY = `mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id status member { id } opening { id status freeSeats } } }`;
const DECIDE = `mutation($id: ID!, $accept: Boolean!) { decideApplication(id: $id, accept: $accept) { id status opening { id status freeSeats acceptedCount applicationCount } } }`;

describe('applications', () => {
  it('apply is idempotent: the same application comes back and only one row exists', async () => {
    const m = await createMember(api);
    const o = await createOpening(api);
    const a = await api.gql(APPLY, { m: m.id, o: o.id }, api.adminKey);
    const b = await api.gql(APPLY, { m: m.id, o: o.id }, api.adminKey);
    expect(a.body.data!.apply.id).toBe(b.body.data!.apply.id);
    expect(a.body.data!.apply).toMatchObject({ status: 'APPLIED', member: { id: m.id }, opening: { id: o.id, status: 'OPEN' } });
    expect(await api.db.prisma.application.count({ where: { memberId: m.id, openingId: o.id } })).toBe(1);
    const concurrent = await Promise.all([0, 1, 2, 3].map(() => api.gql(APPLY, { m: m.id, o: o.id }, api.adminKey)));
    expect(new Set(concurrent.map((r) => r.body.data!.apply.id))).toEqual(new Set([a.body.data!.apply.id]));
  });

  it('accepting the last free seat marks the opening FULL and withdraws the other pending applications', async () => {
    const o = await createOpening(api, { capacity: 2 });
    const members = await Promise.all([0, 1, 2, 3].map((i) => createMember(api, { displayName: `지원자${i}` })));
    const apps = [];
    for (const m of members) apps.push((await api.gql(APPLY, { m: m.id, o: o.id }, api.adminKey)).body.data!.apply);
    const declined = await api.gql(DECIDE, { id: apps[3].id, accept: false }, api.adminKey);
    expect(declined.body.data!.decideApplication.status).toBe('DECLINED');
    const first = await api.gql(DECIDE, { id: apps[0].id, accept: true }, api.adminKey);
    expect(first.body.data!.decideApplication).toMatchObject({ status: 'ACCEPTED', opening: { status: 'OPEN', freeSeats: 1, acceptedCount: 1 } });
    const last = await api.gql(DECIDE, { id: apps[1].id, accept: true }, api.adminKey);
    expect(last.body.data!.decideApplication).toMatchObject({ status: 'ACCEPTED', opening: { status: 'FULL', freeSeats: 0, acceptedCount: 2, applicationCount: 4 } });
    const statuses = await api.db.prisma.application.findMany({ where: { openingId: o.id }, orderBy: { createdAt: 'asc' } });
    expect(statuses.map((s) => s.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'WITHDRAWN', 'DECLINED']);

    // A FULL opening takes no new applications, and a withdrawn application cannot be accepted.
    const late = await createMember(api, { displayName: '늦은 지원자' });
    const before = await tableCounts(api);
    expect(errorOf(await api.gql(APPLY, { m: late.id, o: o.id }, api.adminKey))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'openingId', reason: 'OPENING_FULL' });
    expect(errorOf(await api.gql(DECIDE, { id: apps[2].id, accept: true }, api.adminKey))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await tableCounts(api)).toEqual(before);

    // Withdrawing an accepted seat turns the opening OPEN again.
    const w = await api.gql(`mutation($id: ID!) { withdrawApplication(id: $id) { status opening { status freeSeats } } }`, { id: apps[0].id }, api.adminKey);
    expect(w.body.data!.withdrawApplication).toEqual({ status: 'WITHDRAWN', opening: { status: 'OPEN', freeSeats: 1 } });

    // Fill it again, then delete the accepted member: the seat frees and the opening reopens.
    const again = await createMember(api, { displayName: '다시 채움' });
    const app2 = (await api.gql(APPLY, { m: again.id, o: o.id }, api.adminKey)).body.data!.apply;
    expect((await api.gql(DECIDE, { id: app2.id, accept: true }, api.adminKey)).body.data!.decideApplication.opening.status).toBe('FULL');
    expect((await api.gql(`mutation($id: ID!) { deleteMember(id: $id) }`, { id: again.id }, api.botKey)).body.data!.deleteMember).toBe(true);
    expect((await api.db.prisma.opening.findUniqueOrThrow({ where: { id: o.id } })).status).toBe('OPEN');
  });

  it('concurrent accepts never overfill an opening', async () => {
    const o = await createOpening(api, { capacity: 1 });
    const members = await Promise.all([0, 1, 2].map((i) => createMember(api, { displayName: `경쟁${i}` })));
    const apps = [];
    for (const m of members) apps.push((await api.gql(APPLY, { m: m.id, o: o.id }, api.adminKey)).body.data!.apply);
    const results = await Promise.all(apps.map((a) => api.gql(DECIDE, { id: a.id, accept: true }, api.adminKey)));
    expect(results.filter((r) => r.body.data?.decideApplication?.status === 'ACCEPTED')).toHaveLength(1);
    expect(await api.db.prisma.application.count({ where: { openingId: o.id, status: 'ACCEPTED' } })).toBe(1);
    expect((await api.db.prisma.opening.findUniqueOrThrow({ where: { id: o.id } })).status).toBe('FULL');
  });

  it('closed openings take no applications; unknown ids are named', async () => {
    const m = await createMember(api);
    const o = await createOpening(api);
    await api.gql(`mutation($id: ID!) { closeOpening(id: $id) { id } }`, { id: o.id }, api.adminKey);
    expect(errorOf(await api.gql(APPLY, { m: m.id, o: o.id }, api.adminKey))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'openingId', value: o.id, reason: 'OPENING_CLOSED' });
    expect(errorOf(await api.gql(APPLY, { m: 'nope', o: o.id }, api.adminKey))).toMatchObject({ field: 'memberId', value: 'nope', reason: 'NOT_FOUND' });
    expect(errorOf(await api.gql(DECIDE, { id: 'nope', accept: true }, api.adminKey))).toMatchObject({ field: 'id', value: 'nope', reason: 'NOT_FOUND' });
    expect(errorOf(await api.gql(APPLY, { m: m.id, o: o.id }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lists applications on openings and members through the batch loaders', async () => {
    const o = await createOpening(api, { capacity: 10 });
    const ms = await Promise.all([0, 1, 2].map((i) => createMember(api, { displayName: `목록${i}` })));
    for (const m of ms) await api.gql(APPLY, { m: m.id, o: o.id }, api.adminKey);
    const r = await api.gql(
      `query($id: ID!) { opening(id: $id) { applicationCount applications(status: [APPLIED]) { status member { displayName applications { opening { id } } } } } }`,
      { id: o.id },
      api.botKey,
    );
    const got = r.body.data!.opening;
    expect(got.applicationCount).toBe(3);
    expect(got.applications.map((a: any) => a.member.displayName).sort()).toEqual(['목록0', '목록1', '목록2']);
    for (const a of got.applications) expect(a.member.applications.map((x: any) => x.opening.id)).toContain(o.id);
  });
});

import type { Resolvers } from '../../generated/graphql';

export const teamLoopResolvers: Resolvers = {
  Query: {
    invitation: (_p, { id }, ctx) => ctx.services.teamLoop.invitation(id),
  },
  Mutation: {
    inviteMember: async (_p, { openingId, memberId }, ctx) => ctx.services.teamLoop.invite(await ctx.actor(), openingId, memberId),
    respondToInvitation: async (_p, { id, accept }, ctx) => ctx.services.teamLoop.respond(await ctx.actor(), id, accept),
    withdrawInvitation: async (_p, { id }, ctx) => ctx.services.teamLoop.withdrawInvitation(await ctx.actor(), id),
    startTeam: async (_p, { openingId }, ctx) => ctx.services.teamLoop.startTeam(await ctx.actor(), openingId),
    recordTeamThread: (_p, { openingId, threadId }, ctx) => ctx.services.teamLoop.recordTeamThread(openingId, threadId),
    claimNotifications: (_p, { limit, leaseSeconds }, ctx) => ctx.services.teamLoop.claim(limit, leaseSeconds),
    ackNotifications: (_p, { ids }, ctx) => ctx.services.teamLoop.ack(ids),
  },
  Opening: {
    lead: (o, _a, ctx) => (o.leadId ? ctx.loaders.member.load(o.leadId) : null),
    team: async (o, _a, ctx) => {
      const team = await ctx.services.teamLoop.team(o.id);
      return (await ctx.loaders.member.loadMany(team.map((m) => m.id))).filter((m) => m !== null && !(m instanceof Error)) as never;
    },
    invitations: async (o, { status }, ctx) => ctx.services.teamLoop.openingInvitations(await ctx.actor(), o, status),
    teamThreadId: (o) => o.teamThreadId,
  },
  Member: {
    notifyThreshold: (m) => m.notifyThreshold,
    notifications: async (m, { first }, ctx) => ctx.services.teamLoop.memberNotifications(await ctx.actor(), m.id, first),
    invitations: async (m, { status }, ctx) => ctx.services.teamLoop.memberInvitations(await ctx.actor(), m.id, status),
  },
  Invitation: {
    member: async (i, _a, ctx) => (await ctx.loaders.member.load(i.memberId))!,
    opening: async (i, _a, ctx) => (await ctx.loaders.opening.load(i.openingId))!,
    createdAt: (i) => i.createdAt.toISOString(),
    updatedAt: (i) => i.updatedAt.toISOString(),
  },
  Notification: {
    recipient: async (n, _a, ctx) => (await ctx.loaders.member.load(n.recipientId))!,
    opening: (n, _a, ctx) => (n.openingId ? ctx.loaders.opening.load(n.openingId) : null),
    payload: (n) => JSON.stringify(n.payload),
    createdAt: (n) => n.createdAt.toISOString(),
    deliveredAt: (n) => n.deliveredAt?.toISOString() ?? null,
  },
};

import type { Actor } from './acting-member';
import { refused, type ForbiddenReason } from './errors';

/**
 * Who may act on what in the team loop (roles themselves are checked by the read model, src/graphql/read-model.ts;
 * this is the member-level rule on top): ADMIN always; a BOT key only as the acting member the rule names.
 */
function actingMemberId(actor: Actor, coordinate: string): string | null {
  if (actor.kind === 'admin') return null;
  if (actor.kind === 'bot') {
    throw refused('ACTING_MEMBER_REQUIRED', `${coordinate}: a BOT key must send x-moim-acting-discord-id for the member who acts`);
  }
  return actor.memberId;
}

function require(actor: Actor, memberId: string | null, reason: ForbiddenReason, coordinate: string, who: string): void {
  const acting = actingMemberId(actor, coordinate);
  if (acting !== null && acting !== memberId) throw refused(reason, `${coordinate}: only ${who} (or an ADMIN key) may do this`);
}

/** ADMIN, or the acting lead of the opening (an opening without a lead: ADMIN only). */
export function requireLead(actor: Actor, opening: { leadId: string | null }, coordinate: string): void {
  require(actor, opening.leadId, 'NOT_LEAD', coordinate, "the opening's lead");
}

/** ADMIN, or the acting member who applied. */
export function requireApplicant(actor: Actor, application: { memberId: string }, coordinate: string): void {
  require(actor, application.memberId, 'NOT_APPLICANT', coordinate, 'the applicant');
}

/** ADMIN, or the acting invitee. */
export function requireInvitee(actor: Actor, invitation: { memberId: string }, coordinate: string): void {
  require(actor, invitation.memberId, 'NOT_INVITEE', coordinate, 'the invited member');
}

/** ADMIN, or the acting member themself. */
export function requireSelf(actor: Actor, memberId: string, coordinate: string): void {
  require(actor, memberId, 'NOT_SELF', coordinate, 'the member themself');
}

/** The member who acts, required (a BOT key creating an opening: the acting member leads it). */
export function requireActingMember(actor: Actor, coordinate: string): string | null {
  return actingMemberId(actor, coordinate);
}

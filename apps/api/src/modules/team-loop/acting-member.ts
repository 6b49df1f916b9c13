import type { PrismaClient } from '@moim/db';
import { badRequest, refused } from './errors';

/** The header a BOT key sends for the Discord user who clicked or typed. */
export const ACTING_HEADER = 'x-moim-acting-discord-id';

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * Who a request acts as, for the lead / applicant / invitee / self rules of the team loop:
 * - `admin`: an ADMIN key. The acting header is ignored: an admin acts as the admin (and names a lead with
 *   `leadDiscordId`), so an admin console or script cannot be mistaken for a member.
 * - `member`: a BOT key with the header of a known member.
 * - `bot`: a BOT key without the header (fine for reads and for operations that are nobody's in particular).
 */
export type Actor = { kind: 'admin' } | { kind: 'bot' } | { kind: 'member'; memberId: string; discordId: string };

/** Per request: resolves the header once, when an operation first asks who acts. */
export type ActorSource = () => Promise<Actor>;

/**
 * Checks the header before anything runs: a malformed one refuses the whole request (BAD_USER_INPUT, reason
 * ACTING_MEMBER_MALFORMED), never read as "no one". An unknown id refuses only the operations that depend on who
 * acts (FORBIDDEN, ACTING_MEMBER_UNKNOWN), so a new Discord user can still create their profile.
 */
/** `viewer`: who the API key says is calling (auth/viewer.ts). */
export function actingMemberSource(prisma: PrismaClient, viewer: { role: 'ANONYMOUS' | 'BOT' | 'ADMIN' }, header: string | string[] | undefined): ActorSource {
  if (viewer.role === 'ADMIN') return () => Promise.resolve({ kind: 'admin' });
  if (header === undefined) return () => Promise.resolve({ kind: 'bot' });
  const value = Array.isArray(header) ? header : [header];
  if (value.length !== 1 || !SNOWFLAKE.test(value[0]!)) {
    throw badRequest(
      ACTING_HEADER,
      Array.isArray(header) ? `[${header.length} values]` : header.slice(0, 40),
      'ACTING_MEMBER_MALFORMED',
      `${ACTING_HEADER}: must be one Discord snowflake (17-20 digits)`,
    );
  }
  const discordId = value[0]!;
  let resolved: Promise<Actor> | undefined;
  return () =>
    (resolved ??= (async () => {
      const member = await prisma.member.findUnique({ where: { discordId }, select: { id: true } });
      if (!member) {
        throw refused('ACTING_MEMBER_UNKNOWN', `${ACTING_HEADER}: no member has Discord id ${discordId}; create the profile first`, ACTING_HEADER);
      }
      return { kind: 'member', memberId: member.id, discordId } as const;
    })());
}

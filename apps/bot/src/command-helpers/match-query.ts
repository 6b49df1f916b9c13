import type { Translate } from '../i18n';
import type { Reply } from '../interactions/context';
import type { MatchQuery } from '../interactions/custom-id';
import { noProfile, nothingFound } from '../interactions/errors';
import { PAGE_SIZE, renderMatchPage } from '../render/match-reply';
import type { BotDeps } from '../interactions/deps';

/** The API caps `first` at 100. */
const MAX_FIRST = 100;

/** Runs a match query for one page; the API has no offset, so a page fetches everything up to its end plus one. */
export async function runMatchQuery(query: MatchQuery, page: number, discordId: string, deps: BotDeps, t: Translate): Promise<Reply> {
  const vocabulary = await deps.vocabulary.get();
  const first = Math.min(MAX_FIRST, (page + 1) * PAGE_SIZE + 1);
  const kind = query.kind ?? undefined;
  let matches;
  if (query.source === 'profile') {
    const member = await deps.api.memberByDiscordId(discordId);
    if (!member) throw noProfile();
    matches = await deps.api.recommendOpenings({ memberId: member.id, kind, first });
  } else {
    matches = await deps.api.recommendOpenings({ profile: query.profile, kind, first });
  }
  const start = page * PAGE_SIZE;
  const pageMatches = matches.slice(start, start + PAGE_SIZE);
  if (pageMatches.length === 0) throw nothingFound();
  return renderMatchPage({ matches: pageMatches, page, hasMore: matches.length > start + PAGE_SIZE, query, vocabulary, viewerDiscordId: discordId }, t);
}

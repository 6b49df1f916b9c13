import { normalizeRegion, normalizeStack, REGIONS, STACKS } from '@moim/matching';
import { OpeningStatus, type OpeningKind, type Prisma } from '@moim/db';
import { BadInputError } from '../../errors/domain-errors';
import { filterTerms } from '../../common/filter-terms';

const OPENING_STATUSES: readonly OpeningStatus[] = Object.values(OpeningStatus);

export interface OpeningFilterInput {
  kind?: OpeningKind | null;
  regions?: string[] | null;
  stacks?: string[] | null;
  status?: OpeningStatus[] | null;
  text?: string | null;
}

const MAX_TEXT_FILTER = 200;

/** Filter → Prisma where; aliases folded, bad values named (`filter.regions[1]`). */
export function openingWhere(filter: OpeningFilterInput | null | undefined): Prisma.OpeningWhereInput {
  const where: Prisma.OpeningWhereInput = {};
  if (!filter) return where;
  if (filter.kind) where.kind = filter.kind;
  const regions = filterTerms(filter.regions, 'filter.regions', REGIONS.length, normalizeRegion);
  if (regions) where.region = { in: regions };
  const stacks = filterTerms(filter.stacks, 'filter.stacks', STACKS.length, normalizeStack);
  if (stacks) where.stacks = { hasSome: stacks };
  const status = filterTerms(filter.status, 'filter.status', OPENING_STATUSES.length, (s) => s as OpeningStatus);
  if (status) where.status = { in: status };
  if (filter.text != null) {
    const text = filter.text.trim();
    if (text.length > MAX_TEXT_FILTER) {
      throw new BadInputError('filter.text', filter.text, `filter.text: at most ${MAX_TEXT_FILTER} characters`);
    }
    if (text) {
      const literal = escapeLike(text);
      where.OR = [
        { title: { contains: literal, mode: 'insensitive' } },
        { description: { contains: literal, mode: 'insensitive' } },
      ];
    }
  }
  return where;
}

/** `text` matched literally by LIKE/ILIKE (PostgreSQL's default escape character is the backslash). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

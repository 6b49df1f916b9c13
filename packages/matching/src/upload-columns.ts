/**
 * The openings upload format, defined once: the CSV header (and the JSON Lines keys) the API's parser accepts and
 * the admin console's preview and template check against.
 */
export const UPLOAD_COLUMNS = [
  'externalId',
  'kind',
  'title',
  'description',
  'region',
  'stacks',
  'minExperienceYears',
  'tags',
  'capacity',
  /** Optional: the Discord id of the member who leads the opening (an existing member). */
  'leadDiscordId',
] as const;

export type UploadColumn = (typeof UPLOAD_COLUMNS)[number];

/** A file without one of these columns cannot be imported at all. */
export const REQUIRED_UPLOAD_COLUMNS = [
  'kind',
  'title',
  'region',
  'stacks',
  'minExperienceYears',
  'capacity',
] as const satisfies readonly UploadColumn[];

/** Columns whose CSV cell holds a list (`Java;Spring Boot`); in JSON Lines they are arrays. */
export const LIST_UPLOAD_COLUMNS = ['stacks', 'tags'] as const satisfies readonly UploadColumn[];

/** What separates the items of a list cell when writing one. */
export const UPLOAD_LIST_SEPARATOR = ';';

/** What separates them when reading: `;`, and `|` for files written by hand. */
const LIST_SEPARATORS = /[;|]/;

export function isUploadColumn(name: string): name is UploadColumn {
  return (UPLOAD_COLUMNS as readonly string[]).includes(name);
}

/** A list cell's items, trimmed, empty items dropped: `' Java; Spring Boot | JPA ;;'` → `['Java', 'Spring Boot', 'JPA']`. */
export function splitUploadList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(LIST_SEPARATORS)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

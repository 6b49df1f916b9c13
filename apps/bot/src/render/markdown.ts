/**
 * Text the bot did not write (member names, opening titles, regions, stacks, traits, reasons, echoed input) lands in
 * Discord Markdown: message content and embed titles, descriptions, field names and values. Left as is, a display
 * name `[쿠폰](https://evil.example) @everyone` is a masked link and a mention in another member's reply.
 * Footers, button labels and autocomplete choices are not Markdown and take text unescaped.
 *
 * discord.js's `escapeMarkdown` leaves masked links, headings and lists alone by default, its masked-link escape
 * misses the second of two links on a line, and it knows nothing of mentions, `-#` subtext or block quotes,
 * hence this module.
 */

/** Characters that open inline syntax anywhere: emphasis, spoilers, code, masked links, mentions, emoji, quotes, headings. */
const INLINE_SYNTAX = /[\\*_~|`[\]<>#]/g;
/** At a line start `-`, `+` make a list (and `-#` subtext); `1.` a numbered list. */
const LIST_MARKER = /^(\s*)([-+])/gm;
const NUMBERED_MARKER = /^(\s*\d+)\./gm;
const EVERYONE_OR_HERE = /@(everyone|here)/gi;
const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;
const ZERO_WIDTH_SPACE = '\u200b';

/** One line of user text as it was typed: no Markdown, links, mentions or block syntax, line breaks folded to spaces. */
export function plainText(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(LIST_MARKER, '$1\\$2')
    .replace(NUMBERED_MARKER, '$1\\.')
    .replace(EVERYONE_OR_HERE, `@${ZERO_WIDTH_SPACE}$1`);
}

/** A list of user text (stacks, traits) for Markdown. */
export function plainList(items: readonly string[]): string {
  return items.map(plainText).join(', ');
}

/**
 * User text inside a `code span` of a bot text (`값 \`{value}\``). Nothing is parsed inside a span and a backslash shows
 * as typed, so the only way out is a backtick: it becomes the look-alike ˋ (U+02CB).
 */
export function codeSpanText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(/`/g, 'ˋ');
}

/** What a member reads for Markdown made by `plainText` (for plain-text previews and logs). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1').replaceAll(ZERO_WIDTH_SPACE, '');
}

import fc from 'fast-check';
import type { Reply } from '../../src/interactions/context';

/** Pieces of Markdown and mention syntax, glued into hostile names, titles and typed values. */
const FRAGMENTS = [
  '[쿠폰](https://evil.example)', '[', ']', '(', ')', 'https://evil.example', '](', '@everyone', '@here', '@Everyone',
  '<@123456789012345678>', '<@!1>', '<@&2>', '<#3>', '</match:4>', '<t:1700000000:R>', '<:emoji:5>', '<a:e:6>',
  '# ', '## ', '### ', '-# ', '> ', '>>> ', '- ', '* ', '+ ', '1. ', '\n', '\r\n', '\\', '`', '```', '**', '__', '~~', '||',
  '*', '_', ':', '쿠폰', 'a', ' ', '팀',
];

export const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 }),
  fc.constant('[쿠폰](https://evil.example) @everyone'),
);

/**
 * What Discord parses of a Markdown text, in order: a backslash before punctuation makes it literal, a `code span`
 * shows its inside as typed. Literal characters and spans become "·", so what remains is live syntax.
 */
function liveSyntax(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[^\p{L}\p{N}\s]/u.test(text[i + 1]!)) {
      out += '·';
      i += 1;
    } else if (c === '`' && text.indexOf('`', i + 1) > i) {
      out += '·';
      i = text.indexOf('`', i + 1);
    } else {
      out += c;
    }
  }
  return out;
}

const PROBLEMS: [string, RegExp][] = [
  ['masked link', /\]\(/],
  ['mention', /<(@|#|\/|:|a:|t:)/],
  ['@everyone or @here', /@(everyone|here)/i],
  ['heading, subtext, quote or bullet at a line start', /^\s*(#{1,3}\s|-#\s|>|[-*+]\s)/m],
];

/** The first live masked link, mention or block syntax in a Markdown text, or null. */
export function liveMarkup(text: string): string | null {
  const live = liveSyntax(text);
  for (const [name, pattern] of PROBLEMS) {
    const found = pattern.exec(live);
    if (found) return `${name} at ${found.index} in ${JSON.stringify(text)}`;
  }
  return null;
}

/** Every place of a reply Discord renders as Markdown (footers and button labels are plain text). */
export function markdownSurfaces(reply: Reply | undefined): string[] {
  if (!reply) return [];
  const texts = reply.content ? [reply.content] : [];
  for (const embed of reply.embeds ?? []) {
    if (embed.title) texts.push(embed.title);
    if (embed.description) texts.push(embed.description);
    for (const field of embed.fields ?? []) texts.push(field.name, field.value);
  }
  return texts;
}

export function liveMarkupIn(reply: Reply | undefined): string[] {
  return markdownSurfaces(reply).map(liveMarkup).filter((problem): problem is string => problem !== null);
}

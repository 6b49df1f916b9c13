import type { Reply } from '../interactions/context';
import { unescapeMarkdown as shown } from './markdown';

/** A plain-text view of a reply (as a member would read it, escapes resolved), for previews, logs and docs. */
export function replyAsText(reply: Reply): string {
  const lines: string[] = [];
  if (reply.content) lines.push(shown(reply.content), '');
  for (const embed of reply.embeds ?? []) {
    if (embed.title) lines.push(`┃ ${shown(embed.title)}`);
    if (embed.description) for (const line of shown(embed.description).split('\n')) lines.push(`┃ ${line}`);
    const inline: string[] = [];
    const flush = () => {
      if (inline.length > 0) lines.push(`┃ ${inline.join('  ·  ')}`);
      inline.length = 0;
    };
    for (const field of embed.fields ?? []) {
      if (field.inline) {
        inline.push(`${shown(field.name)}: ${shown(field.value)}`);
        continue;
      }
      flush();
      lines.push(`┃ ${shown(field.name)}:`);
      for (const line of shown(field.value).split('\n')) lines.push(`┃   ${line}`);
    }
    flush();
    if (embed.footer?.text) lines.push(`┃ (${embed.footer.text})`);
    lines.push('');
  }
  for (const row of reply.components ?? []) {
    const buttons = row.components.map((component) => ('label' in component && component.label ? `[${component.label}]` : '[?]'));
    lines.push(buttons.join(' '));
  }
  return lines.join('\n').trimEnd();
}

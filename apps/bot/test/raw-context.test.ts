import { REST } from '@discordjs/rest';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { parseInteractionBody } from '../src/transports/interaction-body';
import { fromRawInteraction, rawOptionReader } from '../src/transports/raw-context';
import { APPLICATION_ID, rawCommand } from './support/signed';

/** A body as the HTTP transport hands it over: checked by the edge schema. */
function checked(body: unknown) {
  const parsed = parseInteractionBody(JSON.stringify(body));
  if (!parsed.ok) throw new Error(parsed.error);
  if (parsed.interaction.type === 1) throw new Error('a ping has no context');
  return parsed.interaction;
}

describe('raw interaction adapter', () => {
  it('reads subcommand options the way discord.js does', () => {
    const reader = rawOptionReader([
      {
        name: 'set',
        type: 1,
        options: [
          { name: 'region', type: 3, value: '경기도' },
          { name: 'years', type: 4, value: 3 },
          { name: 'stack', type: 3, value: 'React', focused: true },
        ],
      },
    ] as never);
    expect(reader.subcommand()).toBe('set');
    expect(reader.string('region')).toBe('경기도');
    expect(reader.integer('years')).toBe(3);
    expect(reader.string('years')).toBeNull();
    expect(reader.integer('region')).toBeNull();
    expect(reader.string('missing')).toBeNull();
    expect(reader.focused()).toEqual({ name: 'stack', value: 'React' });
  });

  it('takes the user from the guild member or the DM user, and the locale from the interaction', () => {
    const responses: APIInteractionResponse[] = [];
    const deps = { respond: (r: APIInteractionResponse) => void responses.push(r), rest: new REST(), applicationId: APPLICATION_ID };
    const inGuild = fromRawInteraction(checked(rawCommand('match', [], 't', 'en-US')), deps);
    expect(inGuild).toMatchObject({ type: 'command', commandName: 'match', userId: '930000000000000001', userName: '테스터', locale: 'en-US' });
    const { member: _member, ...dm } = rawCommand('match', []);
    const inDm = fromRawInteraction(checked({ ...dm, user: { id: '930000000000000009', username: 'dm', global_name: null } }), deps);
    expect(inDm).toMatchObject({ userId: '930000000000000009', userName: 'dm' });
  });

  it('defers with an ephemeral type-5 response and answers autocomplete with type 8', async () => {
    const responses: APIInteractionResponse[] = [];
    const deps = { respond: (r: APIInteractionResponse) => void responses.push(r), rest: new REST(), applicationId: APPLICATION_ID };
    const command = fromRawInteraction(checked(rawCommand('match', [])), deps);
    if (command?.type !== 'command') throw new Error('expected a command context');
    await command.defer();
    const autocomplete = fromRawInteraction(checked({ ...rawCommand('match', []), type: 4 }), deps);
    if (autocomplete?.type !== 'autocomplete') throw new Error('expected an autocomplete context');
    await autocomplete.respond([{ name: 'Java', value: 'Java' }]);
    expect(responses).toEqual([
      { type: 5, data: { flags: 64 } },
      { type: 8, data: { choices: [{ name: 'Java', value: 'Java' }] } },
    ]);
  });

  it('shows a form with a type-9 response, and reads a submitted form from action rows or labels', async () => {
    const responses: APIInteractionResponse[] = [];
    const deps = { respond: (r: APIInteractionResponse) => void responses.push(r), rest: new REST(), applicationId: APPLICATION_ID };
    const command = fromRawInteraction(checked(rawCommand('open', [])), deps);
    if (command?.type !== 'command') throw new Error('expected a command context');
    const form = { custom_id: 'o:P.0', title: '새 모집 열기', components: [] };
    await command.showForm(form);
    expect(responses).toEqual([{ type: 9, data: form }]);

    const submitted = fromRawInteraction(
      checked({
        ...rawCommand('open', []),
        type: 5,
        data: {
          custom_id: 'o:P.0',
          components: [
            { type: 1, components: [{ type: 4, custom_id: 'title', value: '스프링 팀' }] },
            { type: 18, component: { type: 4, custom_id: 'stacks', value: 'Java, Spring Boot' } },
          ],
        },
      }),
      deps,
    );
    if (submitted?.type !== 'form') throw new Error('expected a form context');
    expect(submitted.customId).toBe('o:P.0');
    expect(submitted.field('title')).toBe('스프링 팀');
    expect(submitted.field('stacks')).toBe('Java, Spring Boot');
    expect(submitted.field('years')).toBeNull();
  });

  it('refuses a submitted form whose inputs are not what Discord sends', () => {
    const body = { ...rawCommand('open', []), type: 5, data: { custom_id: 'o:P.0', components: [{ type: 1, components: [{ type: 4, value: 'x' }] }] } };
    expect(parseInteractionBody(JSON.stringify(body))).toEqual({ ok: false, error: 'data.components.0.components.0.custom_id: Invalid input: expected string, received undefined' });
  });
});

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { GraphqlResponseError, GraphqlTransportError } from '@moim/graphql-client';
import { createGraphqlApi } from '../src/api/moim-graphql-api';
import { createHandlerDeps } from '../src/interactions/deps';
import { handleInteraction } from '../src/interactions/handler';
import { autocompleteContext, buttonContext, commandContext, customIds, options } from './support/fake-context';
import { FakeApi, fakeOpening } from './support/fake-api';

function setup(cooldownMs = 0) {
  const api = new FakeApi();
  const deps = createHandlerDeps({ api, logger: pino({ level: 'silent' }), cooldownMs, cooldownMaxUses: 1 });
  return { api, deps };
}

describe('interaction handler (logic, in-memory API)', () => {
  it('defers before anything else and edits once with the result', async () => {
    const { api, deps } = setup();
    api.openings = [1, 2, 3, 4, 5, 6, 7].map((i) => fakeOpening(i));
    const { ctx, recorded } = commandContext('match', options({ region: '서울특별시', years: 2, stack: 'java' }));
    await expect(handleInteraction(ctx, deps)).resolves.toBeUndefined();
    expect(recorded.deferred).toBe(1);
    expect(recorded.edits).toHaveLength(1);
    expect(recorded.last?.embeds).toHaveLength(5);
  });

  it('folds aliases to canonical names before calling the API, so the paging and save buttons can be built', async () => {
    const { api, deps } = setup();
    api.openings = [1, 2, 3, 4, 5, 6, 7].map((i) => fakeOpening(i));
    const seen: unknown[] = [];
    const original = api.recommendOpenings.bind(api);
    api.recommendOpenings = async (args) => (seen.push(args.profile), original(args));
    const { ctx, recorded } = commandContext('match', options({ region: '서울', years: 2, stack: 'JAVA' }));
    await handleInteraction(ctx, deps);
    expect(seen).toEqual([{ region: '서울특별시', experienceYears: 2, stacks: ['Java'], traits: [] }]);
    expect(recorded.last?.embeds).toHaveLength(5);
    expect(customIds(recorded.last)).toHaveLength(2); // apply, and the 더 보기 / 저장 row (no 비슷한 팀원 보기: the caller leads none)
  });

  it('records the Discord client\'s language on the member with every profile write (en-* → en, anything else → ko)', async () => {
    const { api, deps } = setup();
    const english = commandContext('profile', options({ region: '경기도', years: 3, stack: 'React' }, 'set'), { userId: '710000000000000001', locale: 'en-GB' });
    await handleInteraction(english.ctx, deps);
    const korean = commandContext('profile', options({ region: '경기도', years: 3, stack: 'React' }, 'set'), { userId: '720000000000000002', locale: 'ja' });
    await handleInteraction(korean.ctx, deps);
    expect(Object.fromEntries(api.locales)).toEqual({ '710000000000000001': 'en', '720000000000000002': 'ko' });
    const later = commandContext('notify', options({ threshold: 80 }, 'on'), { userId: '720000000000000002', locale: 'en-US' });
    await handleInteraction(later.ctx, deps);
    expect(api.locales.get('720000000000000002')).toBe('en');
  });

  it('passes values it cannot fold to the API as typed (the API names them)', async () => {
    const { api, deps } = setup();
    const seen: unknown[] = [];
    api.recommendOpenings = async (args) => (seen.push(args.profile), []);
    const { ctx } = commandContext('match', options({ region: '화성', years: 2, stack: 'Java' }));
    await handleInteraction(ctx, deps);
    expect(seen).toEqual([{ region: '화성', experienceYears: 2, stacks: ['Java'], traits: [] }]);
  });

  it('pages through results with 더 보기 and folds option case to the vocabulary', async () => {
    const { api, deps } = setup();
    api.openings = [1, 2, 3, 4, 5, 6, 7].map((i) => fakeOpening(i));
    const first = commandContext('match', options({ region: '서울특별시', years: 2, stack: 'java' }));
    await handleInteraction(first.ctx, deps);
    expect(first.recorded.last?.embeds).toHaveLength(5);
    const more = customIds(first.recorded.last)[1]![0]!;
    const second = buttonContext(more);
    await handleInteraction(second.ctx, deps);
    expect(second.recorded.last?.embeds?.map((embed) => embed.title)).toEqual(['6. [프로젝트] 오프닝 6', '7. [프로젝트] 오프닝 7']);
    expect(customIds(second.recorded.last)).toHaveLength(1); // no 더 보기 on the last page
  });

  it('uses the saved profile for missing options and says which option is missing without one', async () => {
    const { api, deps } = setup();
    api.openings = [fakeOpening(1)];
    const none = commandContext('match', options({ stack: 'Java' }));
    await handleInteraction(none.ctx, deps);
    expect(none.recorded.last?.content).toMatch(/^`region` 옵션이 필요해요/);

    await api.upsertMember({ displayName: 'x', discordId: '100000000000000001', region: '경기도', experienceYears: 3, stacks: ['React'], traits: [], locale: 'ko' });
    const merged = commandContext('match', options({ stack: 'Java' }));
    await handleInteraction(merged.ctx, deps);
    expect(merged.recorded.last?.embeds).toHaveLength(1);
  });

  it('turns API field errors, unreachable API, FULL and surprises into their own messages', async () => {
    const { api, deps } = setup();
    api.openings = [fakeOpening(1, { status: 'FULL' })];
    await api.upsertMember({ displayName: 'x', discordId: '100000000000000001', region: '경기도', experienceYears: 3, stacks: ['Java'], traits: [], locale: 'ko' });

    const dup = commandContext('match', options({ region: '경기도', years: 1, stack: 'Java', stack2: 'java' }));
    await handleInteraction(dup.ctx, deps);
    expect(dup.recorded.last?.content).toBe('입력값을 확인해 주세요: `stack2` 값 `Java` 은(는) 사용할 수 없어요.');

    const full = buttonContext('a:op1');
    await handleInteraction(full.ctx, deps);
    expect(full.recorded.last?.content).toBe('아쉽지만 이 팀은 이미 자리가 다 찼어요. 다른 팀을 찾아보세요.');

    api.memberByDiscordId = async () => {
      throw new GraphqlTransportError('down');
    };
    const down = commandContext('profile', options({}, 'show'));
    await handleInteraction(down.ctx, deps);
    expect(down.recorded.last?.content).toBe('지금은 Moim 서버에 연결할 수 없어요. 잠시 후 다시 시도해 주세요.');

    api.memberByDiscordId = async () => {
      throw new GraphqlResponseError([{ message: 'Rate limit exceeded; retry in 12 s', extensions: { code: 'RATE_LIMITED' } }], {
        status: 429,
        requestId: 'r1',
        retryAfterSeconds: 12,
      });
    };
    const limited = commandContext('profile', options({}, 'show'));
    await handleInteraction(limited.ctx, deps);
    expect(limited.recorded.last?.content).toBe('조금만 천천히! 12초 후에 다시 시도해 주세요.');

    api.memberByDiscordId = async () => {
      throw new TypeError('boom');
    };
    const boom = commandContext('profile', options({}, 'show'), { locale: 'en-US' });
    await handleInteraction(boom.ctx, deps);
    expect(boom.recorded.last?.content).toMatch(/^Something unexpected went wrong\. Please try again later\. \(error ref: [0-9a-f]{6}\)$/);
  });

  it('rejects tampered buttons and answers spam with the cooldown text', async () => {
    const { deps } = setup(60_000);
    const tampered = buttonContext('m:1:_.99.3.0.');
    await handleInteraction(tampered.ctx, deps);
    expect(tampered.recorded.last?.content).toBe('이 버튼은 더 이상 사용할 수 없어요. 명령어를 다시 실행해 주세요.');
    const spam = buttonContext('a:op1');
    await handleInteraction(spam.ctx, deps);
    expect(spam.recorded.last?.content).toMatch(/^조금만 천천히! (59|60)초 후에/);
    const otherUser = buttonContext('a:nope', { userId: '100000000000000002' });
    await handleInteraction(otherUser.ctx, deps);
    expect(otherUser.recorded.last?.content).toMatch(/^저장된 프로필이 없어요/);
  });

  it('autocompletes from the vocabulary and never throws', async () => {
    const { api, deps } = setup();
    const { ctx, recorded } = autocompleteContext('match', options({ stack2: 'a' }, null, 'stack2'));
    await handleInteraction(ctx, deps);
    expect(recorded.choices[0]!.map((choice) => choice.value)).toEqual(['Java', 'React']);
    api.vocabulary = async () => {
      throw new Error('down');
    };
    const failing = setup();
    failing.api.vocabulary = api.vocabulary;
    const second = autocompleteContext('match', options({ region: '' }, null, 'region'));
    await handleInteraction(second.ctx, failing.deps);
    expect(second.recorded.choices).toEqual([[]]);
  });

  it('reports an unreachable API through the real HTTP client', async () => {
    const api = createGraphqlApi({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 2000 });
    await expect(api.vocabulary()).rejects.toBeInstanceOf(GraphqlTransportError);
  });
});

describe('delivery failures', () => {
  it('a reply Discord refuses is replaced by the unknown-error text, and nothing throws', async () => {
    const { api, deps } = setup();
    api.openings = [fakeOpening(1)];
    const { ctx, recorded } = commandContext('match', options({ region: '서울특별시', years: 2, stack: 'Java' }));
    let first = true;
    ctx.edit = async (reply) => {
      if (first) {
        first = false;
        throw new Error('Invalid Form Body');
      }
      recorded.edits.push(reply);
    };
    await expect(handleInteraction(ctx, deps)).resolves.toBeUndefined();
    expect(recorded.edits).toHaveLength(1);
    expect(recorded.last?.content).toMatch(/^알 수 없는 문제가 생겼어요\. 잠시 후 다시 시도해 주세요\. \(오류 코드: [0-9a-f]{6}\)$/);
  });

  it('when even the defer fails, the handler logs and returns', async () => {
    const { deps } = setup();
    const { ctx, recorded } = commandContext('match', options({}));
    ctx.defer = async () => {
      throw new Error('Unknown interaction');
    };
    await expect(handleInteraction(ctx, deps)).resolves.toBeUndefined();
    expect(recorded.edits).toHaveLength(0);
  });
});

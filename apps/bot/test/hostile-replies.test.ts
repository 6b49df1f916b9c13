import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { MemberView, MoimApi, OpeningView, Reason } from '../src/api/types';
import { createHandlerDeps } from '../src/interactions/deps';
import type { Reply } from '../src/interactions/context';
import { handleInteraction } from '../src/interactions/handler';
import { unescapeMarkdown } from '../src/render/markdown';
import { buttonContext, commandContext, options } from './support/fake-context';
import { FakeApi, apiError, fakeOpening, fakeVocabulary } from './support/fake-api';
import { hostileText, liveMarkupIn } from './support/markdown-check';

const USER = '100000000000000001';

interface Hostile {
  name: string;
  title: string;
  region: string;
  stack: string;
  trait: string;
  reason: string;
  typed: string;
}

/** An API whose every text (names, titles, regions, stacks, traits, reasons) was written by an attacker. */
function hostileApi(h: Hostile) {
  const api = new FakeApi();
  const opening: OpeningView = fakeOpening(1, { title: h.title, region: h.region, stacks: ['Java', h.stack], tags: [h.trait] });
  const member: MemberView = { id: 'm1', displayName: h.name, discordId: USER, notifyThreshold: null, region: h.region, experienceYears: 2, stacks: [h.stack], traits: [h.trait] };
  const reasons: Reason[] = [{ code: 'STACK_MATCH', message: `스택 일치 (${h.reason})` }, { code: 'SHARED_TAG', message: h.reason }];
  api.openings = [opening];
  api.members.set(member.id, member);
  api.recommendOpenings = async (args) => {
    const unknown = args.profile?.stacks.find((stack) => !fakeVocabulary.stacks.includes(stack));
    if (unknown !== undefined) throw apiError('unknown stack', 'BAD_USER_INPUT', 'profile.stacks[0]', unknown);
    return [{ opening: { ...opening, lead: null }, score: 0.9, reasons }];
  };
  const matches = [{ member, score: 0.8, reasons }];
  const moim: MoimApi = api;
  moim.recommendMembers = async () => matches;
  moim.proposeTeam = async () => ({ opening, members: matches, totalScore: 0.8, missingStacks: [h.stack] });
  api.upsertMember = async (input) => ({ ...member, ...input, displayName: input.displayName });
  return api;
}

const hostile = fc.record({ name: hostileText, title: hostileText, region: hostileText, stack: hostileText, trait: hostileText, reason: hostileText, typed: hostileText });

/** Runs one interaction and returns what the member finally sees. */
async function seen(run: (deps: ReturnType<typeof createHandlerDeps>) => Promise<Reply | undefined>, h: Hostile) {
  const deps = createHandlerDeps({ api: hostileApi(h), logger: pino({ level: 'silent' }), cooldownMs: 0 });
  return run(deps);
}

describe('every reply built from hostile names, titles and typed values', () => {
  it('has no live masked link, mention or block syntax, in either language', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom('ko', 'en-US'), async (h, locale) => {
        const who = { userId: USER, userName: h.name, locale };
        const flows: [string, (deps: ReturnType<typeof createHandlerDeps>) => Promise<Reply | undefined>][] = [
          ['/match', async (deps) => {
            const { ctx, recorded } = commandContext('match', options({ region: '서울특별시', years: 2, stack: 'Java' }), who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
          ['/match with a typed value the API refuses', async (deps) => {
            const { ctx, recorded } = commandContext('match', options({ region: '서울특별시', years: 2, stack: h.typed }), who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
          ['/profile show', async (deps) => {
            const { ctx, recorded } = commandContext('profile', options({}, 'show'), who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
          ['/profile set (the display name comes from Discord)', async (deps) => {
            const { ctx, recorded } = commandContext('profile', options({ region: '서울특별시', years: 2, stack: 'Java' }, 'set'), who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
          ['/team', async (deps) => {
            const { ctx, recorded } = commandContext('team', options({ opening: 'op1' }), who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
          ['/team with a typed opening', async (deps) => {
            const { ctx, recorded } = commandContext('team', options({ opening: h.typed }), who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
          ['지원하기', async (deps) => {
            const { ctx, recorded } = buttonContext('a:op1', who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
          ['비슷한 팀원 보기', async (deps) => {
            const { ctx, recorded } = buttonContext('s:op1', who);
            await handleInteraction(ctx, deps);
            return recorded.last;
          }],
        ];
        for (const [flow, run] of flows) {
          const reply = await seen(run, h);
          expect(reply, flow).toBeDefined();
          expect(liveMarkupIn(reply), flow).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('still shows the member the text as it was written', async () => {
    const h: Hostile = { name: '[쿠폰](https://evil.example) @everyone', title: '**공짜** <@123>', region: '재택', stack: 'Java', trait: 'x', reason: 'y', typed: '`<@&1>`' };
    const apply = await seen(async (deps) => {
      const { ctx, recorded } = buttonContext('a:op1', { userId: USER });
      await handleInteraction(ctx, deps);
      return recorded.last;
    }, h);
    expect(unescapeMarkdown(apply!.content!)).toBe('****공짜** <@123>** 에 지원했어요! 팀장이 확인하면 알려 드릴게요.');
    const refused = await seen(async (deps) => {
      const { ctx, recorded } = commandContext('match', options({ region: '서울특별시', years: 2, stack: h.typed }), { userId: USER });
      await handleInteraction(ctx, deps);
      return recorded.last;
    }, h);
    expect(refused?.content).toBe('입력값을 확인해 주세요: `stack` 값 `ˋ<@&1>ˋ` 은(는) 사용할 수 없어요.');
  });
});

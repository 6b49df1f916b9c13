import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NotificationKind, NotificationView } from '../src/api/types';
import { translator } from '../src/i18n';
import { directMessage, teamCard, threadName } from '../src/render/notification-replies';
import { fakeOpening, fakeVocabulary } from './support/fake-api';
import { hostileText, liveMarkupIn } from './support/markdown-check';

const KINDS: NotificationKind[] = ['APPLICATION_RECEIVED', 'APPLICATION_DECIDED', 'INVITATION_RECEIVED', 'INVITATION_ANSWERED', 'NEW_MATCH', 'TEAM_FORMED', 'SEAT_FREED', 'SEAT_REQUEST_CLOSED'];

function notification(kind: NotificationKind, text: string, name: string): NotificationView {
  const members = [
    { id: 'm1', displayName: name, discordId: '610000000000000001' },
    { id: 'm2', displayName: text, discordId: '620000000000000002' },
  ];
  return {
    id: 'n1',
    kind,
    recipient: { ...members[1]!, locale: null },
    opening: { ...fakeOpening(1, { title: text, region: text, stacks: [text] }), teamThreadId: null, lead: members[0]! },
    payload: {
      openingId: 'op1', openingTitle: text, applicationId: 'app1', invitationId: 'inv1', applicantName: name, leadName: name,
      memberName: name, accepted: true, freeSeats: 1, score: 0.5, reasons: [{ code: 'X', message: text }], role: 'LEAD', members,
    },
    createdAt: '2026-12-01T00:00:00.000Z',
  };
}

describe('outbox messages built from hostile names and titles', () => {
  it('have no live masked link, mention or block syntax (DMs, the team card), and thread names stay within 100', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), hostileText, hostileText, fc.constantFrom('ko', 'en-US'), (kind, text, name, locale) => {
        const t = translator(locale);
        const n = notification(kind, text, name);
        expect(liveMarkupIn(directMessage(n, fakeVocabulary, t))).toEqual([]);
        expect(liveMarkupIn(teamCard(n, t))).toEqual([]);
        expect(Array.from(threadName(n, t)).length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });

  it('a payload missing its fields still gives a message, from the opening', () => {
    const n = { ...notification('APPLICATION_RECEIVED', '스프링 팀', '앤'), payload: {} };
    const reply = directMessage(n, fakeVocabulary, translator('ko'));
    expect(reply.content).toBe('**한 회원** 님이 **스프링 팀** 에 지원했어요. 수락할까요?');
    expect(reply.components).toBeUndefined(); // no application id, no buttons
  });
});

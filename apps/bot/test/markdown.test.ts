import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemberMatchView, OpeningMatchView, OpeningView, Vocabulary } from '../src/api/types';
import { translator } from '../src/i18n';
import { replyAsText } from '../src/render/as-text';
import { codeSpanText, plainText, unescapeMarkdown } from '../src/render/markdown';
import { renderMatchPage } from '../src/render/match-reply';
import { memberListEmbed } from '../src/render/opening-embed';
import { profileEmbed } from '../src/render/profile-embed';
import { hostileText, liveMarkup, liveMarkupIn } from './support/markdown-check';

const vocabulary: Vocabulary = { regions: ['서울특별시'], stacks: ['Java'], traits: [], tags: [] };
const VIEWER = '100000000000000001';
const foldLines = (text: string) => text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');

describe('the checker itself', () => {
  it('finds what the escaping must remove', () => {
    expect(liveMarkup('[쿠폰](https://evil.example)')).toMatch(/^masked link/);
    expect(liveMarkup('hi <@123>')).toMatch(/^mention/);
    expect(liveMarkup('hi @everyone')).toMatch(/^@everyone/);
    expect(liveMarkup('a\n-# small')).toMatch(/^heading/);
    expect(liveMarkup('\\[쿠폰\\](https://evil.example) \\<@1> `<@2> @here`')).toBeNull();
  });
});

describe('plainText', () => {
  it('turns the reported display name into inert text', () => {
    expect(plainText('[쿠폰](https://evil.example) @everyone')).toBe('\\[쿠폰\\](https://evil.example) @\u200beveryone');
    expect(plainText('# 공지\n-# 작게\n> 인용 <@123> <#4> 1. 하나')).toBe('\\# 공지 -\\# 작게 \\> 인용 \\<@123\\> \\<\\#4\\> 1. 하나');
    expect(plainText('- 목록')).toBe('\\- 목록');
    expect(plainText('1. 목록')).toBe('1\\. 목록');
    expect(plainText('C# · C++ · Node.js')).toBe('C\\# · C++ · Node.js');
  });

  it('leaves no live masked link, mention or block syntax, whatever the text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(liveMarkup(plainText(text))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('shows exactly what was typed (line breaks folded), so nothing is lost or doubled', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(unescapeMarkdown(plainText(text))).toBe(foldLines(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('codeSpanText', () => {
  it('cannot close the code span it is put in', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = `\`${codeSpanText(text)}\``;
        expect(shown.slice(1, -1)).not.toContain('`');
        expect(liveMarkup(shown)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

function opening(title: string, region: string, stacks: string[]): OpeningView {
  return { id: 'op1', kind: 'PROJECT', title, region, stacks, minExperienceYears: 1, tags: [], capacity: 3, freeSeats: 2, status: 'OPEN', createdAt: null };
}

const hostileOpening = fc.record({ title: hostileText, region: hostileText, stacks: fc.array(hostileText, { minLength: 1, maxLength: 3 }) });
const hostileReasons = fc.array(fc.record({ code: fc.constantFrom('STACK_MATCH', 'SHARED_TAG', 'X'), message: hostileText }), { maxLength: 4 });
const hostileMember = fc.record({
  displayName: hostileText,
  region: hostileText,
  stacks: fc.array(hostileText, { minLength: 1, maxLength: 3 }),
  traits: fc.array(hostileText, { maxLength: 3 }),
});
const locale = fc.constantFrom('ko', 'en-US');

describe('every renderer in src/render, fed hostile text', () => {
  it('match pages (opening embeds with title, region, stacks and reasons)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostileOpening, hostileReasons), { minLength: 1, maxLength: 5 }), locale, (rows, loc) => {
        const matches: OpeningMatchView[] = rows.map(([o, reasons], i) => ({ opening: { ...opening(o.title, o.region, o.stacks), id: `op${i}`, lead: null }, score: 0.5, reasons }));
        const reply = renderMatchPage({ matches, page: 0, hasMore: true, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: VIEWER }, translator(loc));
        expect(liveMarkupIn(reply)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('member lists (similar members, proposed team) and profiles', () => {
    fc.assert(
      fc.property(hostileOpening, fc.array(fc.tuple(hostileMember, hostileReasons), { minLength: 1, maxLength: 5 }), locale, (o, rows, loc) => {
        const t = translator(loc);
        const members: MemberMatchView[] = rows.map(([m, reasons], i) => ({ member: { ...m, id: `m${i}`, discordId: null, notifyThreshold: null, experienceYears: 2 }, score: 0.7, reasons }));
        const list = memberListEmbed(t('similar.title', { title: plainText(o.title) }), opening(o.title, o.region, o.stacks), members, t);
        const profile = profileEmbed(members[0]!.member, t);
        expect(liveMarkupIn({ embeds: [list, profile] })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('stay inert when long text is cut to Discord limits', () => {
    const long = fc.array(hostileText, { minLength: 30, maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(long, long, hostileReasons, (title, name, reasons) => {
        const t = translator('ko');
        const o = opening(title, name, [name, title]);
        const page = renderMatchPage({ matches: [{ opening: { ...o, lead: null }, score: 0.4, reasons: [...reasons, { code: 'X', message: title }] }], page: 0, hasMore: false, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: VIEWER }, t);
        const member = { id: 'm1', displayName: name, discordId: null, notifyThreshold: null, region: title, stacks: [name], traits: [title], experienceYears: 3 };
        const list = memberListEmbed(t('team.title', { title: plainText(title), total: '1.00' }), o, [{ member, score: 0.5, reasons }], t);
        expect(liveMarkupIn({ ...page, embeds: [...page.embeds!, list, profileEmbed(member, t)] })).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('a preview shows the names as typed, not their escapes', () => {
    const member = { id: 'm1', displayName: '[쿠폰](https://evil.example) @everyone', discordId: null, notifyThreshold: null, region: '# 서울', stacks: ['C#'], traits: [], experienceYears: 1 };
    const text = replyAsText({ embeds: [profileEmbed(member, translator('ko'))] });
    expect(text).toContain('┃ [쿠폰](https://evil.example) @everyone 님의 프로필');
    expect(text).toContain('지역: # 서울');
    expect(text).toContain('┃   C#');
  });
});

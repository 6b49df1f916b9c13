import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../src/api/types';
import { CUSTOM_ID_MAX, decodeButton, encodeButton, type ButtonAction } from '../src/interactions/custom-id';

const vocabulary: Vocabulary = {
  regions: ['서울특별시', '경기도', '재택'],
  stacks: ['Java', 'Spring Boot', 'JPA', 'Kotlin', 'React', 'Next.js', 'Vue.js', 'HTML/CSS/JS', 'TypeScript', 'Node.js', 'Django', 'Flask', 'FastAPI', 'Python (Pandas)', 'Go'],
  traits: ['비전공자', 'CS 전공자', '온라인 중심', '오프라인 중심', '혼합', '스터디', '토이 프로젝트', '리서치 중심', '프로덕트 중심', '팀 협업', '비전공자 환영'],
  tags: [],
};

describe('button custom ids', () => {
  const cases: ButtonAction[] = [
    { action: 'apply', openingId: 'cm3k2x9p40000abcd1234efgh' },
    { action: 'similar', openingId: '6f1c2b0e-8d4f-4b0a-9a7e-2f1f5c3d9e10' },
    { action: 'more', page: 3, query: { source: 'profile', kind: 'PROJECT' } },
    {
      action: 'more',
      page: 19,
      query: { source: 'options', kind: null, profile: { region: '재택', experienceYears: 50, stacks: vocabulary.stacks.slice(0, 10) as string[], traits: vocabulary.traits.slice(0, 8) as string[] } },
    },
    { action: 'save', query: { source: 'options', kind: 'STUDY', profile: { region: '경기도', experienceYears: 0, stacks: ['Go'], traits: [] } } },
  ];

  it.each(cases)('round-trips %j within 100 characters', (action) => {
    const id = encodeButton(action, vocabulary);
    expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(decodeButton(id, vocabulary)).toEqual(action);
  });

  it.each([
    'x:1',
    'a:',
    'a:has space',
    'a:a:b',
    'm:0:P',
    'm:20:P',
    'm:1:Q',
    'm:1:_.z.3.0.',
    'm:1:_.0.51.0.',
    'm:1:_.0.3..',
    'm:1:_.0.3.0-0.',
    'v:P',
    'v:_.0.3.0.99',
    `a:${'x'.repeat(120)}`,
  ])('rejects malformed id %s', (id) => {
    expect(decodeButton(id, vocabulary)).toBeNull();
  });

  it('refuses to encode names outside the vocabulary', () => {
    expect(() =>
      encodeButton({ action: 'save', query: { source: 'options', kind: null, profile: { region: '화성', experienceYears: 1, stacks: ['Java'], traits: [] } } }, vocabulary),
    ).toThrow(/region "화성"/);
  });
});

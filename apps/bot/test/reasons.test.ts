import { describe, expect, it } from 'vitest';
import { reasonText } from '../src/render/reasons';

describe('reasonText', () => {
  it('keeps the API Korean message for Korean readers', () => {
    expect(reasonText({ code: 'STACK_MATCH', message: '스택 일치 (Java)' }, 'ko')).toBe('스택 일치 (Java)');
  });

  it.each([
    ['STACK_MATCH', '스택 일치 (Java, Spring Boot)', 'Stack match (Java, Spring Boot)'],
    ['STACK_RELATED', '관련 스택 (JPA ~ Java)', 'Related stack (JPA ~ Java)'],
    ['NO_STACK_OVERLAP', '겹치는 스택 없음 (요구: Django)', 'No shared stack (needs Django)'],
    ['CS_MAJOR_REQUIRED', 'CS 전공자 필수 (비전공자)', 'CS major required (you: non-major)'],
    ['REMOTE_OPENING', '재택 가능', 'Remote'],
    ['SAME_REGION', '같은 지역', 'Same region'],
    ['DIFFERENT_REGION', '다른 지역 (강원도)', 'Other region (강원도)'],
    ['EXPERIENCE_MET', '경력 무관', 'Any experience'],
    ['EXPERIENCE_MET', '경력 충족 (2년차 ≥ 1년차 이상)', 'Experience met (2y ≥ 1y)'],
    ['EXPERIENCE_SHORT_ONE', '경력 1년 부족', '1 year short'],
    ['EXPERIENCE_SHORT', '경력 3년 부족', '3 years short'],
    ['SHARED_TAG', '공통 관심사 (스터디)', 'Shared interest (스터디)'],
    ['SOMETHING_NEW', '새 이유', '새 이유'],
  ])('%s: %s -> %s', (code, message, english) => {
    expect(reasonText({ code, message }, 'en')).toBe(english);
  });
});

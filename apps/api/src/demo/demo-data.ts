import { createRng, randomOpeningCriteria, randomProfile, type MemberInput, type OpeningInput } from '@moim/matching';

// Deterministic (seeded), so every fresh start gets the same demo data.

const PROJECT_TOPICS = ['스터디 모임 매칭 서비스', '중고거래 플랫폼', '동네 맛집 지도', '개발 블로그 엔진', '일정 공유 앱', '헬스 기록 앱', '도서 리뷰 커뮤니티', '반려동물 산책 앱', '주식 포트폴리오 대시보드', '사이드 프로젝트 팀 빌딩'];
const STUDY_TOPICS = ['알고리즘', '코딩 테스트', 'CS 기초', '클린 코드', '디자인 패턴', '데이터베이스', '네트워크', '운영체제', '테스트 주도 개발', '시스템 디자인'];
const NAMES = ['김민준', '이서연', '박지호', '최수아', '정예준', '강하은', '조도윤', '윤지우', '장시우', '임서준', '한지민', '오유진', '서하준', '신채원', '권민서'];

export function demoOpenings(count = 300, seed = 20261127): OpeningInput[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const { region, stacks, minExperienceYears, tags } = randomOpeningCriteria(rng);
    const kind = rng.chance(0.6) ? 'PROJECT' : 'STUDY';
    const topic = kind === 'PROJECT' ? rng.pick(PROJECT_TOPICS) : rng.pick(STUDY_TOPICS);
    return {
      externalId: `demo-${String(i + 1).padStart(4, '0')}`,
      kind,
      title: kind === 'PROJECT' ? `${stacks[0]} 기반 ${topic} 만들기` : `${topic} ${stacks[0]} 스터디`,
      description: `${region}에서 함께할 ${kind === 'PROJECT' ? '팀원' : '스터디원'}을 찾습니다. 주 1회 모임, ${stacks.join(', ')} 사용.`,
      region,
      stacks,
      minExperienceYears,
      tags,
      capacity: 2 + rng.int(5),
    };
  });
}

export function demoMembers(count = 200, seed = 7): MemberInput[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => ({ displayName: `${rng.pick(NAMES)}${i + 1}`, ...randomProfile(rng) }));
}

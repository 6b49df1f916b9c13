import { REGIONS, STACKS, TAGS, TRAITS, type MemberInput, type OpeningInput } from '@moim/matching';

/** Deterministic pseudo-random numbers (mulberry32), so every fresh start gets the same demo data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pickSome = <T>(r: () => number, xs: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(r() * (max - min + 1));
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]!);
  return out;
};

const FAMILY_STACKS: readonly (readonly string[])[] = [
  ['Java', 'Spring Boot', 'JPA', 'Kotlin'],
  ['React', 'Next.js', 'TypeScript', 'HTML/CSS/JS', 'Vue.js'],
  ['Python (Pandas)', 'Django', 'Flask', 'FastAPI'],
  ['Node.js', 'TypeScript', 'Next.js'],
  ['Go'],
];

const PROJECT_TOPICS = ['스터디 모임 매칭 서비스', '중고거래 플랫폼', '동네 맛집 지도', '개발 블로그 엔진', '일정 공유 앱', '헬스 기록 앱', '도서 리뷰 커뮤니티', '반려동물 산책 앱', '주식 포트폴리오 대시보드', '사이드 프로젝트 팀 빌딩'];
const STUDY_TOPICS = ['알고리즘', '코딩 테스트', 'CS 기초', '클린 코드', '디자인 패턴', '데이터베이스', '네트워크', '운영체제', '테스트 주도 개발', '시스템 디자인'];
const NAMES = ['김민준', '이서연', '박지호', '최수아', '정예준', '강하은', '조도윤', '윤지우', '장시우', '임서준', '한지민', '오유진', '서하준', '신채원', '권민서'];

export function demoOpenings(count = 300, seed = 20261127): OpeningInput[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const family = pick(r, FAMILY_STACKS);
    const kind = r() < 0.6 ? 'PROJECT' : 'STUDY';
    const stacks = pickSome(r, family, 1, Math.min(3, family.length));
    const topic = kind === 'PROJECT' ? pick(r, PROJECT_TOPICS) : pick(r, STUDY_TOPICS);
    const region = r() < 0.25 ? '재택' : pick(r, REGIONS);
    return {
      externalId: `demo-${String(i + 1).padStart(4, '0')}`,
      kind,
      title: kind === 'PROJECT' ? `${stacks[0]} 기반 ${topic} 만들기` : `${topic} ${stacks[0]} 스터디`,
      description: `${region}에서 함께할 ${kind === 'PROJECT' ? '팀원' : '스터디원'}을 찾습니다. 주 1회 모임, ${stacks.join(', ')} 사용.`,
      region,
      stacks,
      minExperienceYears: Math.floor(r() * r() * 6),
      tags: pickSome(r, TAGS, 0, 2),
      capacity: 2 + Math.floor(r() * 5),
    };
  });
}

export function demoMembers(count = 200, seed = 7): MemberInput[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    displayName: `${pick(r, NAMES)}${i + 1}`,
    region: pick(r, REGIONS),
    experienceYears: Math.floor(r() * 9),
    stacks: pickSome(r, pick(r, FAMILY_STACKS), 1, 3),
    traits: pickSome(r, TRAITS, 0, 3),
  }));
}

export const DEMO_STACKS = STACKS;

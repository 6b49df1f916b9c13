// The single source of the matching vocabulary (spec §2): canonical names, aliases, stack families.
// Alias keys are matched after folding (see lookup.ts): NFC, lower case, whitespace and punctuation removed,
// so "Spring-Boot", "spring boot" and "SPRINGBOOT" all hit the "spring boot" entry.

export const REGIONS = [
  '서울특별시',
  '부산광역시',
  '대구광역시',
  '인천광역시',
  '광주광역시',
  '대전광역시',
  '울산광역시',
  '세종특별자치시',
  '경기도',
  '강원도',
  '충청북도',
  '충청남도',
  '전라북도',
  '전라남도',
  '경상북도',
  '경상남도',
  '제주특별자치도',
  '재택',
] as const;
export type Region = (typeof REGIONS)[number];

/** The region that means "remote": an opening there matches members from every region. */
export const REMOTE_REGION: Region = '재택';

export const STACKS = [
  'Java',
  'Spring Boot',
  'JPA',
  'Kotlin',
  'React',
  'Next.js',
  'Vue.js',
  'HTML/CSS/JS',
  'TypeScript',
  'Node.js',
  'Django',
  'Flask',
  'FastAPI',
  'Python (Pandas)',
  'Go',
] as const;
export type Stack = (typeof STACKS)[number];

export const TRAITS = [
  '비전공자',
  'CS 전공자',
  '온라인 중심',
  '오프라인 중심',
  '혼합',
  '스터디',
  '토이 프로젝트',
  '리서치 중심',
  '프로덕트 중심',
  '팀 협업',
  '비전공자 환영',
] as const;
export type Trait = (typeof TRAITS)[number];

export const TAGS = [
  'CS 전공자 필수',
  '비전공자 환영',
  '팀 협업',
  '프로젝트 중심',
  '리서치 중심',
  '토이 프로젝트',
  '스터디',
  '프로덕트 중심',
] as const;
export type Tag = (typeof TAGS)[number];

export const OPENING_KINDS = ['PROJECT', 'STUDY'] as const;
export type OpeningKind = (typeof OPENING_KINDS)[number];

export interface StackFamily {
  readonly key: 'jvm' | 'python' | 'webFrontEnd' | 'jsBackEnd' | 'go';
  readonly name: string;
  readonly stacks: readonly Stack[];
}

/** Two different stacks that share a family are related (spec §2). A stack may sit in several families. */
export const STACK_FAMILIES: readonly StackFamily[] = [
  { key: 'jvm', name: 'JVM', stacks: ['Java', 'Spring Boot', 'JPA', 'Kotlin'] },
  { key: 'python', name: 'Python', stacks: ['Python (Pandas)', 'Django', 'Flask', 'FastAPI'] },
  { key: 'webFrontEnd', name: 'Web front end', stacks: ['React', 'Next.js', 'Vue.js', 'HTML/CSS/JS', 'TypeScript'] },
  { key: 'jsBackEnd', name: 'JavaScript back end', stacks: ['Node.js', 'TypeScript', 'Next.js'] },
  { key: 'go', name: 'Go', stacks: ['Go'] },
];

const REGION_ALIASES: Record<string, Region> = {
  // short forms and common spoken forms
  서울: '서울특별시',
  서울시: '서울특별시',
  부산: '부산광역시',
  부산시: '부산광역시',
  대구: '대구광역시',
  대구시: '대구광역시',
  인천: '인천광역시',
  인천시: '인천광역시',
  광주: '광주광역시', // no 광주시: that is also a city in 경기도
  대전: '대전광역시',
  대전시: '대전광역시',
  울산: '울산광역시',
  울산시: '울산광역시',
  세종: '세종특별자치시',
  세종시: '세종특별자치시',
  경기: '경기도',
  강원: '강원도',
  강원특별자치도: '강원도',
  충북: '충청북도',
  충남: '충청남도',
  전북: '전라북도',
  전북특별자치도: '전라북도',
  전남: '전라남도',
  경북: '경상북도',
  경남: '경상남도',
  제주: '제주특별자치도',
  제주도: '제주특별자치도',
  // remote
  원격: '재택',
  재택근무: '재택',
  온라인: '재택',
  리모트: '재택',
  remote: '재택',
  online: '재택',
  // romanised names
  seoul: '서울특별시',
  busan: '부산광역시',
  daegu: '대구광역시',
  incheon: '인천광역시',
  gwangju: '광주광역시',
  daejeon: '대전광역시',
  ulsan: '울산광역시',
  sejong: '세종특별자치시',
  gyeonggi: '경기도',
  gangwon: '강원도',
  chungbuk: '충청북도',
  chungnam: '충청남도',
  jeonbuk: '전라북도',
  jeonnam: '전라남도',
  gyeongbuk: '경상북도',
  gyeongnam: '경상남도',
  jeju: '제주특별자치도',
};

const STACK_ALIASES: Record<string, Stack> = {
  java: 'Java',
  자바: 'Java',
  'spring boot': 'Spring Boot',
  spring: 'Spring Boot',
  스프링: 'Spring Boot',
  스프링부트: 'Spring Boot',
  jpa: 'JPA',
  kotlin: 'Kotlin',
  코틀린: 'Kotlin',
  react: 'React',
  reactjs: 'React',
  리액트: 'React',
  next: 'Next.js',
  'next.js': 'Next.js',
  nextjs: 'Next.js',
  넥스트: 'Next.js',
  vue: 'Vue.js',
  'vue.js': 'Vue.js',
  vuejs: 'Vue.js',
  뷰: 'Vue.js',
  html: 'HTML/CSS/JS',
  css: 'HTML/CSS/JS',
  js: 'HTML/CSS/JS',
  javascript: 'HTML/CSS/JS',
  자바스크립트: 'HTML/CSS/JS',
  'html/css/js': 'HTML/CSS/JS',
  'html/css': 'HTML/CSS/JS',
  typescript: 'TypeScript',
  ts: 'TypeScript',
  타입스크립트: 'TypeScript',
  node: 'Node.js',
  nodejs: 'Node.js',
  'node.js': 'Node.js',
  노드: 'Node.js',
  django: 'Django',
  장고: 'Django',
  flask: 'Flask',
  플라스크: 'Flask',
  fastapi: 'FastAPI',
  python: 'Python (Pandas)',
  pandas: 'Python (Pandas)',
  파이썬: 'Python (Pandas)',
  판다스: 'Python (Pandas)',
  go: 'Go',
  golang: 'Go',
  고: 'Go',
};

const TRAIT_ALIASES: Record<string, Trait> = {
  비전공: '비전공자',
  cs전공: 'CS 전공자',
  전공자: 'CS 전공자',
  컴공: 'CS 전공자',
  컴퓨터공학: 'CS 전공자',
  온라인: '온라인 중심',
  오프라인: '오프라인 중심',
  온오프라인: '혼합',
  하이브리드: '혼합',
  hybrid: '혼합',
  study: '스터디',
  토이: '토이 프로젝트',
  리서치: '리서치 중심',
  연구: '리서치 중심',
  프로덕트: '프로덕트 중심',
  협업: '팀 협업',
  비전공환영: '비전공자 환영',
};

const TAG_ALIASES: Record<string, Tag> = {
  cs전공필수: 'CS 전공자 필수',
  전공자필수: 'CS 전공자 필수',
  비전공환영: '비전공자 환영',
  협업: '팀 협업',
  프로젝트: '프로젝트 중심',
  리서치: '리서치 중심',
  연구: '리서치 중심',
  토이: '토이 프로젝트',
  study: '스터디',
  프로덕트: '프로덕트 중심',
};

const OPENING_KIND_ALIASES: Record<string, OpeningKind> = {
  project: 'PROJECT',
  프로젝트: 'PROJECT',
  study: 'STUDY',
  스터디: 'STUDY',
};

export const VOCABULARY = {
  regions: REGIONS,
  stacks: STACKS,
  traits: TRAITS,
  tags: TAGS,
  kinds: OPENING_KINDS,
  stackFamilies: STACK_FAMILIES,
  aliases: {
    region: REGION_ALIASES,
    stack: STACK_ALIASES,
    trait: TRAIT_ALIASES,
    tag: TAG_ALIASES,
    kind: OPENING_KIND_ALIASES,
  },
} as const satisfies {
  regions: readonly Region[];
  stacks: readonly Stack[];
  traits: readonly Trait[];
  tags: readonly Tag[];
  kinds: readonly OpeningKind[];
  stackFamilies: readonly StackFamily[];
  aliases: {
    region: Record<string, Region>;
    stack: Record<string, Stack>;
    trait: Record<string, Trait>;
    tag: Record<string, Tag>;
    kind: Record<string, OpeningKind>;
  };
};

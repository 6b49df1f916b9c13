"""Fixed sentences whose token ids and PyTorch embeddings go into every model dir's
reference.json; the Node runtime must reproduce both. They cover the tokenizer's edge
cases: punctuation splitting, CJK spacing, control/zero-width removal, odd whitespace,
literal special tokens, unknown characters, words over 100 chars and inputs over 128 tokens."""

_LONG_KO = (
    "서울특별시 거주, 3년차 개발자, 스택: Java, Spring Boot, JPA, Kotlin, React, Next.js, Vue.js, "
    "HTML/CSS/JS, TypeScript, Node.js. 추가: 비전공자, 온라인 중심, 스터디, 토이 프로젝트, 팀 협업. "
)
_LONG_EN = "The quick brown fox jumps over the lazy dog, again and again; "

REFERENCE_SENTENCES: list[str] = [
    "경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심",
    "경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심",
    "충청북도 거주, 7년차 이상 개발자, 스택: React. 추가: 비전공자 환영, 온라인 중심",
    "강원도 지역 프로젝트, 요구 스택: JPA, 필요 경력: 2년차 이상. 특이사항: 비전공자 환영, 프로젝트 중심",
    "재택 거주, 1년 이하 개발자, 스택: Python (Pandas), HTML/CSS/JS",
    "경상남도 지역 프로젝트, 요구 스택: Flask, 필요 경력: 7년차 이상 이상. 특이사항: CS 전공자 필수, 팀 협업",
    "세종특별자치시 지역 프로젝트, 요구 스택: Go, 필요 경력: 무관",
    "경북 3년 차 자바 개발자, 스프링부트 가능",
    "Looking for a remote TypeScript / Node.js study group (weekends only)!",
    "Spring Boot, spring boot, SPRING-BOOT & springboot",
    "",
    "   ",
    "a",
    "안녕하세요",
    "똠방각하 뷁 쀍",
    "café naïve résumé",
    "漢字와 한글이 섞인 文章",
    "이모지 😀👍 테스트 🎉",
    "가족 👨\u200d👩\u200d👧 이모지",
    "탭\t줄바꿈\n캐리지\r리턴",
    "줄\u2028구분\u00a0공백\u3000전각",
    "제어\u0007문자\u200b와 BOM\ufeff 제거",
    "[CLS] 특수 [SEP] 토큰 [PAD][MASK] 글자 [UNK]",
    "[cls] 소문자는 특수 토큰이 아님",
    "x" * 101 + " 긴 단어",
    "가" * 100 + " 경계 단어",
    "3.14159 + 2,718 = 5.85959 (대략) 100% ~ 50$",
    "“따옴표” ‘작은따옴표’ 「괄호」 — 대시… 말줄임",
    _LONG_KO * 4,
    _LONG_EN * 12,
]

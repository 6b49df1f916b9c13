"""Vocabulary for the default Korean model (and padded synthetic vocabularies for fixtures).

Layout (ids are stable for a given build): special tokens, domain words from the matching
spec (split the way BertPreTokenizer splits them), the 2,350 KS X 1001 Hangul syllables and
their "##" forms, digits, ASCII letters and punctuation, common English words and subwords.
Every KS X 1001 syllable exists as a word start and as a "##" continuation, so any Korean
word written with common syllables tokenizes without [UNK].
"""

from __future__ import annotations

from wordpiece import CONTINUING_PREFIX, SPECIAL_TOKENS, normalize, pre_tokenize

# Mirrors docs/matching.md §1-2 and @moim/matching's vocabulary (test/vocab-drift.test.ts checks they agree).
# Kept here (not imported from @moim/matching)
# because the tokenizer must exist before the TypeScript package does; extra words are harmless.
REGIONS = [
    "서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시", "울산광역시",
    "세종특별자치시", "경기도", "강원도", "충청북도", "충청남도", "전라북도", "전라남도", "경상북도",
    "경상남도", "제주특별자치도", "재택",
]
REGION_ALIASES = [
    "서울", "서울시", "부산", "부산시", "대구", "대구시", "인천", "인천시", "광주", "광주시", "대전", "대전시",
    "울산", "울산시", "세종", "세종시", "경기", "강원", "강원특별자치도", "충북", "충남", "전북",
    "전북특별자치도", "전남", "경북", "경남", "제주", "제주도", "원격", "remote", "Remote", "온라인",
    "재택근무", "리모트", "online", "seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong",
    "gyeonggi", "gangwon", "chungbuk", "chungnam", "jeonbuk", "jeonnam", "gyeongbuk", "gyeongnam", "jeju",
]
STACKS = [
    "Java", "Spring Boot", "JPA", "Kotlin", "React", "Next.js", "Vue.js", "HTML/CSS/JS", "TypeScript",
    "Node.js", "Django", "Flask", "FastAPI", "Python (Pandas)", "Go",
]
STACK_ALIASES = [
    "java", "자바", "spring", "boot", "springboot", "SpringBoot", "스프링", "스프링부트", "jpa", "kotlin", "코틀린",
    "react", "React.js", "리액트", "next", "nextjs", "NextJS", "넥스트", "vue", "vuejs", "Vue", "뷰",
    "html", "css", "js", "HTML", "CSS", "JS", "JavaScript", "javascript", "자바스크립트", "typescript", "ts", "TS",
    "타입스크립트", "node", "nodejs", "Node", "노드", "django", "장고", "flask", "플라스크", "fastapi", "FastAPI",
    "python", "Python", "pandas", "Pandas", "파이썬", "판다스", "go", "golang", "Golang", "고", "reactjs",
]
TRAIT_TAG_ALIASES = [
    "비전공", "cs", "전공", "컴공", "컴퓨터공학", "온오프라인", "하이브리드", "hybrid", "study", "토이", "리서치",
    "연구", "프로덕트", "협업", "비전공환영", "전공자필수", "프로젝트",
]
TRAITS = [
    "비전공자", "CS 전공자", "온라인 중심", "오프라인 중심", "혼합", "스터디", "토이 프로젝트", "리서치 중심",
    "프로덕트 중심", "팀 협업", "비전공자 환영",
]
TAGS = [
    "CS 전공자 필수", "비전공자 환영", "팀 협업", "프로젝트 중심", "리서치 중심", "토이 프로젝트", "스터디",
    "프로덕트 중심",
]
TEMPLATE_TEXT = [
    "{r} 거주, 1년 이하 개발자, 스택: {s}. 추가: {t}",
    "{r} 지역 프로젝트, 요구 스택: {s}, 필요 경력: 무관. 특이사항: {t}",
    "거주 개발자 스택 추가 지역 프로젝트 요구 필요 경력 이상 이하 특이사항 무관 년차 년 차 경력자 신입",
    "주니어 시니어 백엔드 프론트엔드 풀스택 개발 팀원 모집 스터디원 멤버 구인 참여 가능 희망",
    "온라인 오프라인 중심 혼합 전공자 비전공자 필수 환영 협업 리서치 프로덕트 토이 팀",
]
EXPERIENCE_WORDS = [f"{n}년차" for n in range(1, 51)] + [f"{n}년" for n in range(0, 51)]

ENGLISH_WORDS = """
a an the and or of to in on for with at by from as is are be was were it this that these those
i you he she we they me my your our their not no yes do does did have has had can could will would
should may might must about into over under up down out new old good best more most less other some
any all each every one two three four five six seven eight nine ten first last next year years month
developer developers development engineer engineering software web app apps application service server
client backend frontend front back end full stack fullstack team teams member members project projects
study studies group groups remote online offline hybrid local region city province country korea korean
seoul busan daegu incheon gwangju daejeon ulsan sejong gyeonggi gangwon jeju experience experienced junior
senior mid level required requirement requirements optional preferred welcome welcomed major majors
computer science research product toy side collaboration collaborate open source code coding programming
language languages framework frameworks library tool tools data database api apis cloud devops test testing
design model models machine learning deep ai ml search match matching job jobs hiring looking want need
wants needs work working works build building built ship deploy deploying time part weekly weekend daily
hello world thanks thank please contact join joining meet meeting discord github git spring boot java
kotlin react next vue html css js javascript typescript node django flask fastapi python pandas go golang
sql postgres postgresql mysql redis docker kubernetes aws linux android ios swift mobile game games
""".split()

ENGLISH_SUBWORDS = """
s es ed er ers ing ings ly est ion ions tion tions ment ments ness able ible al ial ic ical ive ize ise
ful less ity ty en ent ence ance ant or ors ist ism age ure ery ory y ie ies js ts py db ql script
boot work end ops api app dev web net go er re un pre pro sub
""".split()

ASCII_PUNCT = [chr(c) for c in range(33, 127) if not chr(c).isalnum()]
EXTRA_PUNCT = ["·", "…", "‘", "’", "“", "”", "「", "」", "『", "』", "《", "》", "〈", "〉", "～", "、", "。", "※", "•", "–", "—"]


def ksx1001_hangul() -> list[str]:
    """The 2,350 precomposed Hangul syllables of KS X 1001 (EUC-KR 0xB0A1-0xC8FE)."""
    syllables = []
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            syllables.append(bytes([lead, trail]).decode("euc-kr"))
    assert len(syllables) == 2350 and len(set(syllables)) == 2350
    return syllables


def all_hangul() -> list[str]:
    return [chr(c) for c in range(0xAC00, 0xD7A4)]


def _words_of(text: str) -> list[str]:
    return pre_tokenize(normalize(text))


class _VocabList:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.seen: set[str] = set()

    def add(self, token: str) -> None:
        if token and token not in self.seen and "\n" not in token and " " not in token:
            self.seen.add(token)
            self.items.append(token)

    def add_word_and_continuation(self, token: str) -> None:
        self.add(token)
        self.add(CONTINUING_PREFIX + token)


def build_default_vocab() -> list[str]:
    v = _VocabList()
    for tok in SPECIAL_TOKENS:
        v.add(tok)
    for group in (REGIONS, REGION_ALIASES, STACKS, STACK_ALIASES, TRAIT_TAG_ALIASES, TRAITS, TAGS, TEMPLATE_TEXT, EXPERIENCE_WORDS):
        for phrase in group:
            for word in _words_of(phrase.replace("{r}", "").replace("{s}", "").replace("{t}", "")):
                v.add(word)
    for suffix in ("년차", "년", "차", "도", "시", "특별시", "광역시", "중심", "전공자", "개발자"):
        v.add(CONTINUING_PREFIX + suffix)
    for p in ASCII_PUNCT + EXTRA_PUNCT:
        v.add(p)
    for d in "0123456789":
        v.add_word_and_continuation(d)
    for n in range(10, 101):
        v.add_word_and_continuation(str(n))
    for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        v.add_word_and_continuation(c)
    for syl in ksx1001_hangul():
        v.add_word_and_continuation(syl)
    for w in ENGLISH_WORDS:
        v.add(w)
        v.add(w.capitalize())
        v.add(CONTINUING_PREFIX + w)
    for sw in ENGLISH_SUBWORDS:
        v.add(CONTINUING_PREFIX + sw)
    return v.items


def build_padded_vocab(size: int) -> list[str]:
    """The default vocabulary, grown to exactly `size` with synthesized entries
    (remaining Hangul syllables and their ## forms, then ASCII letter pairs/triples)."""
    base = build_default_vocab()
    if size < len(base):
        raise ValueError(f"--vocab-size {size} is smaller than the default vocabulary ({len(base)} entries)")
    v = _VocabList()
    for tok in base:
        v.add(tok)

    def candidates():
        for syl in all_hangul():
            yield syl
            yield CONTINUING_PREFIX + syl
        letters = "abcdefghijklmnopqrstuvwxyz"
        for a in letters:
            for b in letters:
                yield a + b
                yield CONTINUING_PREFIX + a + b
        for a in letters:
            for b in letters:
                for c in letters:
                    yield a + b + c
                    yield CONTINUING_PREFIX + a + b + c

    for tok in candidates():
        if len(v.items) >= size:
            break
        v.add(tok)
    if len(v.items) != size:
        raise ValueError(f"cannot synthesize {size} vocabulary entries")
    return v.items


if __name__ == "__main__":
    vocab = build_default_vocab()
    print(len(vocab))

"""BERT WordPiece tokenizer with Hugging Face `tokenizers` semantics.

Mirrors tokenizer.json = BertNormalizer(clean_text, handle_chinese_chars, no lowercase,
no accent stripping) + BertPreTokenizer + WordPiece("##", max 100 chars) +
TemplateProcessing "[CLS] $A [SEP]", with special tokens split out of the raw text
first (added tokens, normalized=false). The same code tokenizes training data and the
reference sentences, so the Node runtime (@huggingface/tokenizers) must agree with it.

Character classes follow the Rust/JS implementations rather than Python's
`str.isspace`: whitespace is the Unicode White_Space set, control = Cc/Cf/Co/Cs.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
SPECIAL_TOKENS = (PAD, UNK, CLS, SEP, MASK)
CONTINUING_PREFIX = "##"
MAX_INPUT_CHARS_PER_WORD = 100

_WHITESPACE = frozenset(
    "\t\n\v\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)


def is_whitespace(ch: str) -> bool:
    return ch in _WHITESPACE


def is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_chinese_char(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def normalize(text: str) -> str:
    """BertNormalizer(clean_text=True, handle_chinese_chars=True, lowercase=False, strip_accents=False)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        if is_whitespace(ch):
            out.append(" ")
        elif is_chinese_char(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    return "".join(out)


def pre_tokenize(text: str) -> list[str]:
    """BertPreTokenizer: split on whitespace, every punctuation char is its own word."""
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if is_whitespace(ch):
            if current:
                words.append("".join(current))
                current = []
        elif is_punctuation(ch):
            if current:
                words.append("".join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


class WordPieceTokenizer:
    def __init__(self, vocab: Sequence[str], max_seq_length: int = 128):
        self.vocab = list(vocab)
        self.token_to_id = {tok: i for i, tok in enumerate(self.vocab)}
        if len(self.token_to_id) != len(self.vocab):
            raise ValueError("vocabulary has duplicate entries")
        for tok in SPECIAL_TOKENS:
            if tok not in self.token_to_id:
                raise ValueError(f"vocabulary lacks special token {tok}")
        self.unk_id = self.token_to_id[UNK]
        self.cls_id = self.token_to_id[CLS]
        self.sep_id = self.token_to_id[SEP]
        self.pad_id = self.token_to_id[PAD]
        self.max_seq_length = max_seq_length
        specials = sorted(SPECIAL_TOKENS, key=len, reverse=True)
        self._special_split = re.compile("(" + "|".join(re.escape(t) for t in specials) + ")")
        self._word_cache: dict[str, list[str]] = {}

    @classmethod
    def from_vocab_file(cls, path: str, max_seq_length: int = 128) -> "WordPieceTokenizer":
        with open(path, encoding="utf-8") as f:
            return cls([line.rstrip("\n") for line in f], max_seq_length)

    def _wordpiece(self, word: str) -> list[str]:
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        chars = list(word)
        if len(chars) > MAX_INPUT_CHARS_PER_WORD:
            result = [UNK]
        else:
            pieces: list[str] = []
            start = 0
            result = None
            while start < len(chars):
                end = len(chars)
                found = None
                while start < end:
                    sub = "".join(chars[start:end])
                    if start > 0:
                        sub = CONTINUING_PREFIX + sub
                    if sub in self.token_to_id:
                        found = sub
                        break
                    end -= 1
                if found is None:
                    result = [UNK]
                    break
                pieces.append(found)
                start = end
            if result is None:
                result = pieces
        if len(self._word_cache) < 200_000:
            self._word_cache[word] = result
        return result

    def tokenize(self, text: str) -> list[str]:
        """Tokens without [CLS]/[SEP] and without truncation."""
        tokens: list[str] = []
        for section in self._special_split.split(text):
            if not section:
                continue
            if section in SPECIAL_TOKENS:
                tokens.append(section)
                continue
            for word in pre_tokenize(normalize(section)):
                tokens.extend(self._wordpiece(word))
        return tokens

    def encode(self, text: str, truncate: bool = True) -> list[int]:
        """[CLS] tokens [SEP]; with truncate, the content is cut to max_seq_length - 2 (HF truncation)."""
        ids = [self.token_to_id[t] for t in self.tokenize(text)]
        if truncate:
            ids = ids[: self.max_seq_length - 2]
        return [self.cls_id, *ids, self.sep_id]

    def encode_batch(self, texts: Iterable[str]) -> list[list[int]]:
        return [self.encode(t) for t in texts]

import { Tokenizer } from '@huggingface/tokenizers';
import { EmbedderLoadError } from './errors';
import { isRecord } from './json-file';

export interface TokenizerFiles {
  tokenizerJsonPath: string;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  maxSeqLength: number;
  doLowerCase: boolean;
}

/**
 * Turns a sentence into model input ids the way sentence-transformers does:
 * strip, optional lower-casing, then special tokens around the content, truncated to max_seq_length.
 * tokenizers.js ignores the "truncation" block of tokenizer.json, so truncation is done here: the content
 * is cut to maxSeqLength minus the special tokens and the template is re-applied ([CLS] … [SEP]).
 */
export class TextTokenizer {
  private readonly tokenizer: Tokenizer;
  /** Ids of space-separated chunks already seen; null when the pipeline is not chunk-separable. */
  private readonly chunkIds: Map<string, number[]> | null;
  private readonly specialContents: string[];
  private readonly prefixIds: number[];
  private readonly suffixIds: number[];
  private readonly maxContentTokens: number;
  private readonly doLowerCase: boolean;

  constructor(files: TokenizerFiles) {
    const path = files.tokenizerJsonPath;
    try {
      this.tokenizer = new Tokenizer(files.tokenizerJson, files.tokenizerConfig);
    } catch (error) {
      throw new EmbedderLoadError(path, `cannot build the tokenizer (${(error as Error).message})`, { cause: error });
    }
    const specialIds = this.tokenizer.encode('', { add_special_tokens: true }).ids;
    const prefixLength = countPrefixSpecialTokens(files.tokenizerJson.post_processor, path);
    this.prefixIds = specialIds.slice(0, prefixLength);
    this.suffixIds = specialIds.slice(prefixLength);
    this.maxContentTokens = files.maxSeqLength - specialIds.length;
    if (this.maxContentTokens < 1) {
      throw new EmbedderLoadError(path, `max_seq_length ${files.maxSeqLength} leaves no room beside ${specialIds.length} special tokens`);
    }
    this.doLowerCase = files.doLowerCase;
    this.specialContents = addedTokenContents(files.tokenizerJson);
    this.chunkIds = isChunkSeparable(files.tokenizerJson, files.tokenizerConfig) ? new Map() : null;
    this.assertTemplateMatches(path);
  }

  /** Input ids of one sentence, special tokens included, at most max_seq_length long. */
  encode(text: string): number[] {
    const prepared = this.doLowerCase ? text.trim().toLowerCase() : text.trim();
    const content = this.encodeContent(prepared);
    if (content.length > this.maxContentTokens) content.length = this.maxContentTokens;
    return [...this.prefixIds, ...content, ...this.suffixIds];
  }

  /** The content tokens' ids without special tokens or truncation. */
  encodeContent(text: string): number[] {
    if (this.chunkIds === null || this.specialContents.some((special) => text.includes(special))) return this.encodeWhole(text);
    // Char-local normalisation + whitespace pre-tokenisation: the ids of a text are the ids of its
    // space-separated chunks, concatenated. Profile and opening sentences reuse a small set of chunks.
    const ids: number[] = [];
    for (const chunk of text.split(' ')) {
      if (chunk === '') continue;
      let chunkIds = this.chunkIds.get(chunk);
      if (chunkIds === undefined) {
        chunkIds = this.encodeWhole(chunk);
        if (this.chunkIds.size >= MAX_CACHED_CHUNKS) this.chunkIds.clear();
        this.chunkIds.set(chunk, chunkIds);
      }
      for (const id of chunkIds) ids.push(id);
    }
    return ids;
  }

  /** The tokenizer library's own encoding of the whole text (reference for encodeContent). */
  encodeWhole(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** The post-processor must put our prefix/suffix around the content, or truncation would be wrong. */
  private assertTemplateMatches(path: string): void {
    const probe = '경상북도 거주, 2년차 개발자, 스택: Java';
    const full = this.tokenizer.encode(probe, { add_special_tokens: true }).ids;
    const assembled = [...this.prefixIds, ...this.encodeContent(probe), ...this.suffixIds];
    if (full.length !== assembled.length || full.some((id, i) => id !== assembled[i])) {
      throw new EmbedderLoadError(path, 'post_processor does not wrap a single sentence as prefix + content + suffix; unsupported');
    }
  }
}

const MAX_CACHED_CHUNKS = 100_000;
const CHAR_LOCAL_NORMALIZERS = new Set(['BertNormalizer', 'Lowercase', 'StripAccents', 'NFC', 'NFD', 'NFKC', 'NFKD']);
const WHITESPACE_PRE_TOKENIZERS = new Set(['BertPreTokenizer', 'Whitespace', 'WhitespaceSplit']);

/**
 * True when encoding "a b" equals encoding "a" then "b": every normaliser step works character by
 * character (an ASCII space stays a space) and pre-tokenisation splits on whitespace first.
 */
function isChunkSeparable(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>): boolean {
  if (tokenizerConfig.remove_space === true || tokenizerConfig.do_lowercase_and_remove_accent === true) return false;
  const normalizerOk = (n: unknown): boolean =>
    n === null ||
    n === undefined ||
    (isRecord(n) &&
      (n.type === 'Sequence' ? Array.isArray(n.normalizers) && n.normalizers.every(normalizerOk) : CHAR_LOCAL_NORMALIZERS.has(String(n.type))));
  const preTokenizer = tokenizerJson.pre_tokenizer;
  const added = Array.isArray(tokenizerJson.added_tokens) ? tokenizerJson.added_tokens : [];
  return (
    normalizerOk(tokenizerJson.normalizer) &&
    isRecord(preTokenizer) &&
    WHITESPACE_PRE_TOKENIZERS.has(String(preTokenizer.type)) &&
    added.every((token) => isRecord(token) && token.normalized !== true && !String(token.content).includes(' '))
  );
}

function addedTokenContents(tokenizerJson: Record<string, unknown>): string[] {
  const added = Array.isArray(tokenizerJson.added_tokens) ? tokenizerJson.added_tokens : [];
  return added.filter(isRecord).map((token) => String(token.content));
}

/** How many special tokens the single-sentence template puts before the content. */
function countPrefixSpecialTokens(postProcessor: unknown, path: string): number {
  if (postProcessor === null || postProcessor === undefined) return 0;
  if (!isRecord(postProcessor)) throw new EmbedderLoadError(path, 'post_processor must be an object or null');
  switch (postProcessor.type) {
    case 'BertProcessing':
    case 'RobertaProcessing':
      return 1;
    case 'TemplateProcessing': {
      const single = postProcessor.single;
      if (!Array.isArray(single)) throw new EmbedderLoadError(path, 'post_processor.single must be an array');
      const sequenceAt = single.findIndex((piece) => isRecord(piece) && 'Sequence' in piece);
      if (sequenceAt < 0) throw new EmbedderLoadError(path, 'post_processor.single has no Sequence piece');
      return sequenceAt;
    }
    case 'Sequence': {
      const processors = Array.isArray(postProcessor.processors) ? postProcessor.processors : [];
      return processors.reduce<number>((sum, inner) => sum + countPrefixSpecialTokens(inner, path), 0);
    }
    case 'ByteLevel':
      return 0;
    default:
      throw new EmbedderLoadError(path, `unsupported post_processor type ${JSON.stringify(postProcessor.type)}`);
  }
}

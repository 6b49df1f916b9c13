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
    this.assertTemplateMatches(path);
  }

  /** Input ids of one sentence, special tokens included, at most max_seq_length long. */
  encode(text: string): number[] {
    const prepared = this.doLowerCase ? text.trim().toLowerCase() : text.trim();
    const content = this.tokenizer.encode(prepared, { add_special_tokens: false }).ids;
    if (content.length > this.maxContentTokens) content.length = this.maxContentTokens;
    return [...this.prefixIds, ...content, ...this.suffixIds];
  }

  /** The content tokens' ids without special tokens or truncation (for tests and tooling). */
  encodeContent(text: string): number[] {
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

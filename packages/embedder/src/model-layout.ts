import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EmbedderLoadError } from './errors';
import { describe, isRecord, readJsonFile, readJsonObject } from './json-file';
import { readPoolingConfig, type PoolingConfig } from './pooling-config';

/** Everything read from a sentence-transformers model directory before the ONNX session is created. */
export interface ModelLayout {
  modelDir: string;
  onnxPath: string;
  maxSeqLength: number;
  doLowerCase: boolean;
  pooling: PoolingConfig;
  poolingConfigPath: string;
  tokenizerJsonPath: string;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
}

const TRANSFORMER_TYPE = /(^|\.)models\.Transformer$/;
const POOLING_TYPE = /(^|\.)models\.Pooling$/;
const NORMALIZE_TYPE = /(^|\.)models\.Normalize$/;

export async function readModelLayout(modelDir: string): Promise<ModelLayout> {
  await requireDirectory(modelDir);
  const poolingDir = await readModules(join(modelDir, 'modules.json'));
  const sentenceBertConfigPath = join(modelDir, 'sentence_bert_config.json');
  const { maxSeqLength, doLowerCase } = await readSentenceBertConfig(sentenceBertConfigPath);
  await checkPositionLimit(join(modelDir, 'config.json'), maxSeqLength, sentenceBertConfigPath);
  const poolingConfigPath = join(modelDir, poolingDir, 'config.json');
  const pooling = await readPoolingConfig(poolingConfigPath);
  const tokenizerJsonPath = join(modelDir, 'tokenizer.json');
  const tokenizerJson = await readJsonObject(tokenizerJsonPath);
  if (!isRecord(tokenizerJson.model)) {
    throw new EmbedderLoadError(tokenizerJsonPath, 'has no "model" object (not a Hugging Face tokenizers file)');
  }
  const tokenizerConfigPath = join(modelDir, 'tokenizer_config.json');
  const tokenizerConfig = (await exists(tokenizerConfigPath)) ? await readJsonObject(tokenizerConfigPath) : {};
  const onnxPath = await findOnnxFile(modelDir);
  return { modelDir, onnxPath, maxSeqLength, doLowerCase, pooling, poolingConfigPath, tokenizerJsonPath, tokenizerJson, tokenizerConfig };
}

async function requireDirectory(modelDir: string): Promise<void> {
  const info = await stat(modelDir).catch(() => null);
  if (!info) throw new EmbedderLoadError(modelDir, 'model directory does not exist');
  if (!info.isDirectory()) throw new EmbedderLoadError(modelDir, 'is not a directory');
}

/** Checks the module pipeline is Transformer → Pooling (→ Normalize) and returns the pooling module's folder. */
async function readModules(path: string): Promise<string> {
  const modules = await readJsonFile(path);
  if (!Array.isArray(modules)) throw new EmbedderLoadError(path, `expected a JSON array of modules, got ${describe(modules)}`);
  let poolingDir: string | null = null;
  let sawTransformer = false;
  modules.forEach((module: unknown, index) => {
    if (!isRecord(module) || typeof module.type !== 'string') {
      throw new EmbedderLoadError(path, `modules[${index}] must be an object with a string "type", got ${describe(module)}`);
    }
    const type = module.type;
    if (TRANSFORMER_TYPE.test(type)) sawTransformer = true;
    else if (POOLING_TYPE.test(type)) poolingDir = typeof module.path === 'string' ? module.path : '1_Pooling';
    else if (!NORMALIZE_TYPE.test(type)) {
      throw new EmbedderLoadError(path, `modules[${index}] has unsupported module type "${type}" (supported: Transformer, Pooling, Normalize)`);
    }
  });
  if (!sawTransformer) throw new EmbedderLoadError(path, 'has no sentence_transformers.models.Transformer module');
  if (poolingDir === null) throw new EmbedderLoadError(path, 'has no sentence_transformers.models.Pooling module');
  return poolingDir;
}

async function readSentenceBertConfig(path: string): Promise<{ maxSeqLength: number; doLowerCase: boolean }> {
  const config = await readJsonObject(path);
  const maxSeqLength = config.max_seq_length;
  if (typeof maxSeqLength !== 'number' || !Number.isInteger(maxSeqLength) || maxSeqLength < 3) {
    throw new EmbedderLoadError(path, `max_seq_length must be an integer >= 3, got ${describe(maxSeqLength)}`);
  }
  const doLowerCase = config.do_lower_case ?? false;
  if (typeof doLowerCase !== 'boolean') {
    throw new EmbedderLoadError(path, `do_lower_case must be true or false, got ${describe(doLowerCase)}`);
  }
  return { maxSeqLength, doLowerCase };
}

/** The optional Hugging Face config.json bounds the positions the graph can embed. */
async function checkPositionLimit(configPath: string, maxSeqLength: number, sentenceBertConfigPath: string): Promise<void> {
  if (!(await exists(configPath))) return;
  const limit = (await readJsonObject(configPath)).max_position_embeddings;
  if (typeof limit === 'number' && maxSeqLength > limit) {
    throw new EmbedderLoadError(sentenceBertConfigPath, `max_seq_length ${maxSeqLength} exceeds max_position_embeddings ${limit} in ${configPath}`);
  }
}

async function findOnnxFile(modelDir: string): Promise<string> {
  const candidates = [join(modelDir, 'onnx', 'model.onnx'), join(modelDir, 'model.onnx')];
  for (const candidate of candidates) if (await exists(candidate)) return candidate;
  throw new EmbedderLoadError(candidates[0]!, `ONNX model file is missing (also looked for ${candidates[1]})`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

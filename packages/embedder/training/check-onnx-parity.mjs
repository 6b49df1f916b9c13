// Training-side sanity check, independent of src/: tokenizes reference.json sentences with
// @huggingface/tokenizers, runs onnx/model.onnx with onnxruntime-node, pools + L2-normalises,
// and reports the largest id mismatch / vector difference against the PyTorch values.
// Usage: node training/check-onnx-parity.mjs <model dir>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';

const dir = process.argv[2];
if (!dir) throw new Error('usage: check-onnx-parity.mjs <model dir>');
const readJson = (p) => JSON.parse(readFileSync(join(dir, p), 'utf8'));
const ref = readJson('reference.json');
const tokenizer = new Tokenizer(readJson('tokenizer.json'), readJson('tokenizer_config.json'));
const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'), { intraOpNumThreads: 2 });
const maxLen = ref.max_seq_length;

function encode(text) {
  const ids = tokenizer.encode(text).ids;
  return ids.length <= maxLen ? ids : [...ids.slice(0, maxLen - 1), ids[ids.length - 1]];
}

let idMismatches = 0;
let maxDiff = 0;
const batch = ref.sentences.map((s) => encode(s.text));
ref.sentences.forEach((s, i) => {
  if (JSON.stringify(batch[i]) !== JSON.stringify(s.input_ids)) {
    idMismatches++;
    console.log('ids differ:', JSON.stringify(s.text).slice(0, 60), batch[i].slice(0, 12), s.input_ids.slice(0, 12));
  }
});
const width = Math.max(...batch.map((b) => b.length));
const n = batch.length;
const ids = new BigInt64Array(n * width);
const mask = new BigInt64Array(n * width);
batch.forEach((b, i) => b.forEach((t, j) => { ids[i * width + j] = BigInt(t); mask[i * width + j] = 1n; }));
const feeds = { input_ids: new ort.Tensor('int64', ids, [n, width]), attention_mask: new ort.Tensor('int64', mask, [n, width]) };
if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(n * width), [n, width]);
const out = (await session.run(feeds)).last_hidden_state;
const hidden = out.dims[2];
for (let i = 0; i < n; i++) {
  const len = batch[i].length;
  const v = new Float64Array(hidden);
  if (ref.pooling === 'cls') for (let h = 0; h < hidden; h++) v[h] = out.data[(i * width) * hidden + h];
  else if (ref.pooling === 'max') for (let h = 0; h < hidden; h++) { let m = -Infinity; for (let j = 0; j < len; j++) m = Math.max(m, out.data[(i * width + j) * hidden + h]); v[h] = m; }
  else for (let j = 0; j < len; j++) for (let h = 0; h < hidden; h++) v[h] += out.data[(i * width + j) * hidden + h] / len;
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  for (let h = 0; h < hidden; h++) maxDiff = Math.max(maxDiff, Math.abs(v[h] / norm - ref.sentences[i].embedding[h]));
}
console.log(JSON.stringify({ dir, sentences: n, inputs: session.inputNames, idMismatches, maxAbsDiff: maxDiff }));
process.exit(idMismatches === 0 && maxDiff <= ref.tolerance ? 0 : 1);

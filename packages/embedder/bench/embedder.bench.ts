// Embedder throughput benchmark: pnpm --filter @moim/embedder bench:embedder [--model-dir DIR] [--threads N] [--seconds S] [--no-torch]
// Figures, not assertions: a busy machine gives lower numbers (the load average is printed).
import { existsSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIR, loadEmbedder, type LoadedEmbedder } from '../src/index';
import { sentenceSource } from './bench-sentences';
import { runTorchBaseline, TORCH_BENCH_SENTENCES } from './torch-baseline';

const { values: args } = parseArgs({
  options: {
    'model-dir': { type: 'string', default: DEFAULT_MODEL_DIR },
    threads: { type: 'string', default: String(availableParallelism()) },
    seconds: { type: 'string', default: '4' },
    'no-torch': { type: 'boolean', default: false },
  },
});
const modelDir = args['model-dir'];
const threads = Number(args.threads);
const secondsPerRun = Number(args.seconds);
const TARGET_BATCH64 = 2000;
const TARGET_TORCH_RATIO = 3;

if (!existsSync(modelDir)) {
  console.error(`model directory ${modelDir} does not exist; pass --model-dir (e.g. test/fixtures/.generated/kr-sbert-standin)`);
  process.exit(2);
}
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
/** Fresh sentences every time, so neither cache nor de-duplication can help, however fast the machine. */
const { take } = sentenceSource();
const rssMb = () => process.memoryUsage().rss / 2 ** 20;

const rows: [string, string][] = [];
const row = (name: string, value: string) => {
  rows.push([name, value]);
  log(`${name}: ${value}`);
};

const onnxPath = [join(modelDir, 'onnx', 'model.onnx'), join(modelDir, 'model.onnx')].find((p) => existsSync(p));
row('machine', `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)} at start, ORT threads ${threads}`);
const rssBefore = rssMb();
let started = performance.now();
const embedder = await loadEmbedder({ modelDir, threads, maxBatchSize: 64, cacheSize: 0 });
row('model', `${embedder.modelId}, dimension ${embedder.dimension}, ONNX ${(statSync(onnxPath!).size / 2 ** 20).toFixed(1)} MiB`);
row('load time', `${(performance.now() - started).toFixed(0)} ms`);
row('RSS after load', `${rssMb().toFixed(0)} MiB (+${(rssMb() - rssBefore).toFixed(0)} MiB)`);
const sample = take(200);
const meanTokens = sample.reduce((sum, s) => sum + embedder.tokenize(s).length, 0) / sample.length;
row('sentences', `spec-shaped profile/opening sentences, mean ${meanTokens.toFixed(1)} tokens incl. [CLS]/[SEP]`);
await embedder.embed(take(128)); // warm-up: first runs allocate arenas and JIT the tokenizer

const throughput: Record<number, number> = {};
for (const batch of [1, 16, 64]) {
  const before = embedder.stats();
  let done = 0;
  started = performance.now();
  while (performance.now() - started < secondsPerRun * 1000) {
    await embedder.embed(take(batch));
    done += batch;
  }
  const seconds = (performance.now() - started) / 1000;
  const after = embedder.stats();
  const per = (ms: number) => `${((ms / done) * 1000).toFixed(0)} µs`;
  throughput[batch] = done / seconds;
  row(
    `batch ${batch}`,
    `${throughput[batch]!.toFixed(0)} sentences/s (per sentence: tokenise ${per(after.tokenizeMs - before.tokenizeMs)}, ` +
      `inference ${per(after.inferenceMs - before.inferenceMs)}, pooling ${per(after.poolingMs - before.poolingMs)}; ` +
      `padding efficiency ${((after.tokens - before.tokens) / (after.paddedTokens - before.paddedTokens)).toFixed(2)})`,
  );
}

{
  // A re-embed hands the embedder everything at once: length sorting across the whole set cuts padding.
  const bulk = take(Math.max(256, Math.min(4096, Math.round((throughput[64] ?? 100) * secondsPerRun))));
  const before = embedder.stats();
  let lastTick = performance.now();
  let longestStall = 0;
  const ticker = setInterval(() => {
    longestStall = Math.max(longestStall, performance.now() - lastTick);
    lastTick = performance.now();
  }, 5);
  started = performance.now();
  await embedder.embed(bulk);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  const after = embedder.stats();
  row(
    `one embed(${bulk.length} texts)`,
    `${(bulk.length / seconds).toFixed(0)} sentences/s in batches of 64 (padding efficiency ${((after.tokens - before.tokens) / (after.paddedTokens - before.paddedTokens)).toFixed(2)})`,
  );
  row('longest event-loop stall meanwhile', `${longestStall.toFixed(0)} ms over ${(seconds * 1000).toFixed(0)} ms (inference runs in a worker thread)`);
}

// The PyTorch baseline's workload: its four sentences cycled in batches of 64. Trailing spaces make
// every text a distinct key (no cache or de-duplication) while tokenising identically.
let variant = 0;
let torchWorkloadRate = 0;
const torchWorkload = () => Array.from({ length: 64 }, (_, i) => `${TORCH_BENCH_SENTENCES[i % 4]}${' '.repeat(1 + variant++)}`);
{
  let done = 0;
  started = performance.now();
  while (performance.now() - started < secondsPerRun * 1000) {
    await embedder.embed(torchWorkload());
    done += 64;
  }
  torchWorkloadRate = done / ((performance.now() - started) / 1000);
  row('batch 64, torch_bench sentences', `${torchWorkloadRate.toFixed(0)} sentences/s (the PyTorch baseline's workload)`);
}

const concurrent = await timeConcurrency(embedder);
row('100 concurrent embed([one])', `median ${concurrent.concurrentMs.toFixed(0)} ms, ≤ ${concurrent.concurrentRuns} inference runs (7 rounds)`);
row('one embed(100 texts)', `median ${concurrent.batchMs.toFixed(0)} ms, ≤ ${concurrent.batchRuns} inference runs`);
row('concurrent / batch time', `${(concurrent.concurrentMs / concurrent.batchMs).toFixed(2)}×`);
row('peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
await embedder.close();

let torchRatio: number | null = null;
if (args['no-torch']) row('PyTorch eager (batch 64)', 'skipped (--no-torch)');
else {
  log('running PyTorch eager baseline (training/torch_bench.py) …');
  const torch = runTorchBaseline(modelDir, 64, threads, secondsPerRun);
  if (torch.ok) {
    torchRatio = torchWorkloadRate / torch.sentencesPerSecond;
    row('PyTorch eager (batch 64)', `${torch.sentencesPerSecond.toFixed(0)} sentences/s (same sentences, tokenisation included)`);
    row('ONNX Runtime / PyTorch', `${torchRatio.toFixed(2)}×`);
  } else row('PyTorch eager (batch 64)', torch.reason);
}

const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
row(`target batch 64 ≥ ${TARGET_BATCH64}/s`, `${verdict(throughput[64]! >= TARGET_BATCH64)} (${throughput[64]!.toFixed(0)}/s)`);
row(`target ORT ≥ ${TARGET_TORCH_RATIO}× PyTorch`, torchRatio === null ? 'not measured' : `${verdict(torchRatio >= TARGET_TORCH_RATIO)} (${torchRatio.toFixed(2)}×)`);
row('load average at end', loadavg()[0]!.toFixed(2));

const width = Math.max(...rows.map(([name]) => name.length));
console.log(rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n'));

/** Median over several rounds: single rounds are short enough for machine noise to dominate. */
async function timeConcurrency(e: LoadedEmbedder, rounds = 7) {
  const samples: { concurrentMs: number; concurrentRuns: number; batchMs: number; batchRuns: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const singles = take(100);
    let before = e.stats().inferenceRuns;
    let t0 = performance.now();
    await Promise.all(singles.map((text) => e.embed([text])));
    const concurrentMs = performance.now() - t0;
    const concurrentRuns = e.stats().inferenceRuns - before;
    before = e.stats().inferenceRuns;
    t0 = performance.now();
    await e.embed(take(100));
    samples.push({ concurrentMs, concurrentRuns, batchMs: performance.now() - t0, batchRuns: e.stats().inferenceRuns - before });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    concurrentMs: median(samples.map((s) => s.concurrentMs)),
    concurrentRuns: Math.max(...samples.map((s) => s.concurrentRuns)),
    batchMs: median(samples.map((s) => s.batchMs)),
    batchRuns: Math.max(...samples.map((s) => s.batchRuns)),
  };
}

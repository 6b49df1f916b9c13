// Model quality report: pnpm --filter @moim/embedder eval:model [--model-dir DIR] [--eval-set FILE] [--json]
// Exit code 1 when a target is missed (so it can gate a retrained model).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIR, loadEmbedder } from '../src/index';
import { readEvalSet } from './eval-set';
import { evaluateModel, type EvalReport } from './evaluate-model';

const { values: args } = parseArgs({
  options: {
    'model-dir': { type: 'string', default: DEFAULT_MODEL_DIR },
    'eval-set': { type: 'string', default: fileURLToPath(new URL('../training/data/eval-set.json', import.meta.url)) },
    threads: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const progress = (message: string) => process.stderr.write(`[eval] ${message}\n`);
const set = readEvalSet(args['eval-set']);
progress(`loading ${args['model-dir']}`);
const embedder = await loadEmbedder({ modelDir: args['model-dir'], ...(args.threads ? { threads: Number(args.threads) } : {}) });
try {
  const report = await evaluateModel(embedder, set, progress);
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  process.exitCode = report.pass ? 0 : 1;
} finally {
  await embedder.close();
}

function formatReport(r: EvalReport): string {
  const f = (x: number) => x.toFixed(4);
  const lines = [
    `model ${r.modelId} (dimension ${r.dimension})`,
    '',
    `pairs (${r.pairs.count}): Spearman ${f(r.pairs.spearman)}, Pearson ${f(r.pairs.pearson)} (cosine vs reference label)`,
    `retrieval: NDCG@10 ${f(r.retrieval.ndcgAt10)} over ${r.retrieval.profiles} profiles × ${r.retrieval.openings} openings` +
      (r.retrieval.profilesWithoutRelevant ? ` (${r.retrieval.profilesWithoutRelevant} profiles with no relevant opening skipped)` : ''),
    '',
    `seed example: ${r.seed.profile}`,
    ...r.seed.openings.map((o) => `  cosine ${f(o.cosine)}  reference ${f(o.referenceScore)}  ${o.opening}`),
    '',
    `alias variants: ${r.variants.variants} variants in ${r.variants.groups} groups, mean cosine ${f(r.variants.meanCosine)}, min ${f(r.variants.minCosine)}`,
    `  worst: ${r.variants.worst.canonical}  ~  ${r.variants.worst.variant}`,
    '',
    ...r.checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(22)} ${f(c.value)}  (target ≥ ${c.target})`),
    `${r.pass ? 'PASS' : 'FAIL'}  overall (${r.seconds.toFixed(1)} s)`,
  ];
  return `${lines.join('\n')}\n`;
}

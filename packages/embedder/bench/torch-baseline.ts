import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TORCH_BENCH_SCRIPT = fileURLToPath(new URL('../training/torch_bench.py', import.meta.url));

export type TorchBaseline = { ok: true; sentencesPerSecond: number; detail: string } | { ok: false; reason: string };

/**
 * PyTorch eager throughput on the same weights, measured by the training side's torch_bench.py.
 * Its last stdout line is expected to be JSON carrying a sentences-per-second figure
 * (a "... N sentences/s" text line is accepted too).
 */
export function runTorchBaseline(modelDir: string, batch: number, threads: number, seconds: number): TorchBaseline {
  if (!existsSync(TORCH_BENCH_SCRIPT)) return { ok: false, reason: `skipped: ${TORCH_BENCH_SCRIPT} does not exist yet` };
  const result = spawnSync(
    '/usr/bin/python3',
    [TORCH_BENCH_SCRIPT, '--model-dir', modelDir, '--batch', String(batch), '--threads', String(threads), '--seconds', String(seconds)],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (result.error) return { ok: false, reason: `could not run /usr/bin/python3: ${result.error.message}` };
  if (result.status !== 0) {
    return { ok: false, reason: `torch_bench.py exited ${result.status}: ${lastLines(result.stderr || result.stdout, 3)}` };
  }
  const figure = parseSentencesPerSecond(result.stdout);
  return figure === null
    ? { ok: false, reason: `no sentences/s figure in torch_bench.py output: ${lastLines(result.stdout, 3)}` }
    : { ok: true, sentencesPerSecond: figure, detail: lastLines(result.stdout, 1) };
}

/** The sentences torch_bench.py cycles through (same lengths, so the comparison is like for like). */
export const TORCH_BENCH_SENTENCES = [
  '경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심',
  '경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심',
  '충청북도 거주, 7년차 이상 개발자, 스택: React. 추가: 비전공자 환영, 온라인 중심',
  '재택 지역 프로젝트, 요구 스택: TypeScript, Node.js, 필요 경력: 3년차 이상. 특이사항: 팀 협업',
] as const;

export function parseSentencesPerSecond(stdout: string): number | null {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      const json = JSON.parse(line) as Record<string, unknown>;
      for (const [key, value] of Object.entries(json)) {
        if (/sentences?_?per_?s(ec(ond)?)?$|sentences?PerS(ec(ond)?)?$|sent_per_s$/i.test(key) && typeof value === 'number') return value;
      }
    } catch {
      const match = /([\d.]+)\s*sentences\/s/i.exec(line);
      if (match) return Number(match[1]);
    }
  }
  return null;
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}

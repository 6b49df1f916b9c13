const FILLED = '▰';
const EMPTY = '▱';

/** A text gauge such as "▰▰▰▰▰▰▰▱▱▱ 72%" for a score in [0, 1]; out-of-range scores are clamped. */
export function scoreBar(score: number, cells = 10): string {
  const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  const filled = Math.round(clamped * cells);
  return `${FILLED.repeat(filled)}${EMPTY.repeat(cells - filled)} ${Math.round(clamped * 100)}%`;
}

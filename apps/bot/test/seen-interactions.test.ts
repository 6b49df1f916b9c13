import { describe, expect, it } from 'vitest';
import { SeenInteractions } from '../src/transports/seen-interactions';

describe('SeenInteractions (replay guard of the HTTP endpoint)', () => {
  it('knows an id for the whole window and forgets it after', () => {
    let now = 1_000_000;
    const seen = new SeenInteractions(15 * 60_000, 100, () => now);
    expect(seen.firstSighting('a')).toBe(true);
    now += 15 * 60_000 - 1;
    expect(seen.firstSighting('a')).toBe(false);
    now += 1;
    expect(seen.firstSighting('a')).toBe(true);
  });

  it('a replay does not extend the window', () => {
    let now = 0;
    const seen = new SeenInteractions(1000, 100, () => now);
    seen.firstSighting('a');
    now = 900;
    expect(seen.firstSighting('a')).toBe(false);
    now = 1000;
    expect(seen.firstSighting('a')).toBe(true);
  });

  it('keeps at most `max` ids, dropping the oldest, and drops expired ones as time passes', () => {
    let now = 0;
    const seen = new SeenInteractions(1000, 3, () => now);
    for (const id of ['a', 'b', 'c', 'd']) expect(seen.firstSighting(id)).toBe(true);
    expect(seen.size).toBe(3);
    expect(seen.firstSighting('d')).toBe(false);
    expect(seen.firstSighting('b')).toBe(false);
    expect(seen.firstSighting('a')).toBe(true); // dropped to stay within 3, so it is new again
    now = 5000;
    expect(seen.firstSighting('e')).toBe(true);
    expect(seen.size).toBe(1);
  });
});

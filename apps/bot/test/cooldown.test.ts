import { describe, expect, it } from 'vitest';
import { Cooldown } from '../src/interactions/cooldown';

describe('Cooldown', () => {
  it('allows maxUses per sliding window per user and says how long to wait', () => {
    let now = 1_000;
    const cooldown = new Cooldown(10_000, 3, () => now);
    const takeAt = (at: number, user = 'a') => ((now = at), cooldown.take(user));
    expect([takeAt(1_000), takeAt(2_000), takeAt(3_000)]).toEqual([0, 0, 0]);
    expect(takeAt(5_000)).toBe(6_000);
    expect(takeAt(5_000, 'b')).toBe(0); // other users are unaffected
    expect(takeAt(11_000)).toBe(0); // the use at 1 s has left the window
    expect(takeAt(11_500)).toBe(500); // the use at 2 s leaves at 12 s
  });

  it('is off with a zero window', () => {
    const cooldown = new Cooldown(0, 1);
    expect(Array.from({ length: 5 }, () => cooldown.take('a'))).toEqual([0, 0, 0, 0, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('never runs more than `size` tasks at once and runs all of them in order', async () => {
    const slots = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        slots.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          order.push(i);
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(order).toHaveLength(20);
    expect(slots.queued).toBe(0);
  });

  it('releases its slot when a task fails', async () => {
    const slots = new Semaphore(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(async () => 42)).resolves.toBe(42);
  });
});

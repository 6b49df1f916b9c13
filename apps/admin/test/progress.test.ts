import { describe, expect, it } from 'vitest';
import { isFinished, jobPercent, percent, rate } from '../src/lib/progress';

describe('percent', () => {
  it('floors, so 100 means done', () => {
    expect(percent(0, 10)).toBe(0);
    expect(percent(1, 3)).toBe(33);
    expect(percent(996, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(1200, 1000)).toBe(100);
  });
  it('is 0 for unknown or broken totals', () => {
    expect(percent(5, 0)).toBe(0);
    expect(percent(5, Number.NaN)).toBe(0);
    expect(percent(-5, 10)).toBe(0);
  });
});

describe('jobPercent', () => {
  it('holds 99 while a job with every row processed is still running', () => {
    expect(jobPercent({ status: 'RUNNING', total: 10, processed: 10 })).toBe(99);
    expect(jobPercent({ status: 'RUNNING', total: 10, processed: 5 })).toBe(50);
  });
  it('is 100 once the job succeeded, even with no rows', () => {
    expect(jobPercent({ status: 'SUCCEEDED', total: 0, processed: 0 })).toBe(100);
    expect(jobPercent({ status: 'completed', total: 10, processed: 10 })).toBe(100);
  });
  it('does not claim completion for a failed job', () => {
    expect(jobPercent({ status: 'FAILED', total: 10, processed: 4 })).toBe(40);
    expect(isFinished('FAILED')).toBe(true);
    expect(isFinished('RUNNING')).toBe(false);
  });
  it('measures against the rows in the file while the server has read only part of it', () => {
    expect(jobPercent({ status: 'RUNNING', total: 100, processed: 100 }, 400)).toBe(25);
    expect(jobPercent({ status: 'RUNNING', total: 500, processed: 250 }, 400)).toBe(50);
  });
  it('is 0 while the total is unknown', () => {
    expect(jobPercent({ status: 'PENDING', total: null, processed: 0 })).toBe(0);
  });
});

describe('rate', () => {
  it('estimates rows per second and the remaining time', () => {
    const r = rate({ at: 0, processed: 0 }, { at: 2000, processed: 500 }, 1500);
    expect(r.perSecond).toBe(250);
    expect(r.remainingSeconds).toBe(4);
  });
  it('has no estimate without elapsed time or total', () => {
    expect(rate({ at: 5, processed: 0 }, { at: 5, processed: 10 }, 100)).toEqual({ perSecond: 0, remainingSeconds: null });
    expect(rate({ at: 0, processed: 0 }, { at: 1000, processed: 10 }, null).remainingSeconds).toBeNull();
  });
});

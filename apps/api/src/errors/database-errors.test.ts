import { describe, expect, it } from 'vitest';
import { isDatabaseDown } from './database-errors';

// Shapes seen while PostgreSQL stopped and started under load (test/faults.test.ts found each one as a 500).
describe('isDatabaseDown', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' })],
    ['a write to a closed socket, wrapped by Prisma', new Error('\nInvalid `prisma.$queryRaw()` invocation:\n\n\nwrite EPIPE')],
    ['PostgreSQL shutting down (57P03) through the driver adapter', { message: 'Database error', meta: { driverAdapterError: { cause: { originalCode: '57P03' } } } }],
    ['a pg client that lost its connection', new Error('Client has encountered a connection error and is not queryable')],
    ['a cause two levels down', new Error('outer', { cause: new Error('middle', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }) })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseDown(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'EPIPE'],
  ])('does not mistake %s for an outage', (_name, error) => {
    expect(isDatabaseDown(error)).toBe(false);
  });
});

import { MatchingInputError } from '@moim/matching';
import { describe, expect, it } from 'vitest';
import { clientFormOf, httpStatusOf } from './client-errors';
import { BadInputError, ConflictError, ForbiddenError, fromMatchingError, NotFoundError, OpeningUnavailableError, UnauthenticatedError } from './domain-errors';

describe('clientFormOf', () => {
  it('gives the codes, fields, values and reasons clients branch on', () => {
    expect(clientFormOf(new NotFoundError('openingId', 'o-1', 'opening'))).toEqual({
      message: 'openingId: no opening with id "o-1"',
      extensions: { code: 'BAD_USER_INPUT', field: 'openingId', value: 'o-1', reason: 'NOT_FOUND' },
    });
    expect(clientFormOf(new OpeningUnavailableError('id', 'a-1', 'FULL', 'id: the opening has no free seat')).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
      value: 'a-1',
      reason: 'OPENING_FULL',
    });
    expect(clientFormOf(new OpeningUnavailableError('openingId', 'o-2', 'CLOSED', 'closed')).extensions.reason).toBe('OPENING_CLOSED');
    expect(clientFormOf(new BadInputError('first', 1000, 'first: 1..100')).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first', value: 1000 });
    expect(clientFormOf(new ConflictError('a re-embed job is already running'))).toEqual({
      message: 'a re-embed job is already running',
      extensions: { code: 'CONFLICT' },
    });
    expect(clientFormOf(new UnauthenticatedError('needs a key', 'Query.member')).extensions).toEqual({ code: 'UNAUTHENTICATED', field: 'Query.member' });
    expect(clientFormOf(new ForbiddenError('needs ADMIN')).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('bounds the value it echoes', () => {
    const shown = clientFormOf(new BadInputError('filter.text', 'x'.repeat(1000), 'too long')).extensions.value as string;
    expect(shown.length).toBeLessThanOrEqual(201);
    expect(clientFormOf(new BadInputError('memberIds', new Array(500).fill('m'), 'too many')).extensions.value).toBe('[array of 500]');
    expect(clientFormOf(new BadInputError('first', Number.NaN, 'not a number')).extensions.value).toBe('NaN');
  });

  it('names matching-input fields under their argument', () => {
    const error = fromMatchingError(new MatchingInputError('stacks[1]', 'Cobol', 'UNKNOWN_VALUE', 'unknown stack "Cobol"'), 'input');
    expect(clientFormOf(error).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.stacks[1]', value: 'Cobol' });
    expect(error.message).toBe('input.stacks[1]: unknown stack "Cobol"');
  });

  it('maps each code to the HTTP status of an answer that carries only it', () => {
    expect(httpStatusOf(new BadInputError('file', null, 'bad'))).toBe(400);
    expect(httpStatusOf(new NotFoundError('id', 'x', 'member'))).toBe(400);
    expect(httpStatusOf(new ConflictError('busy'))).toBe(409);
    expect(httpStatusOf(new UnauthenticatedError('no key'))).toBe(401);
    expect(httpStatusOf(new ForbiddenError('not admin'))).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError, classifyErrors, roleProblem, signInProblemOf } from '../src/lib/graphql';
import { EMPTY_FILTER, toOpeningFilter } from '../src/lib/opening-filter';
import { jobIdOf, uploadErrorMessage } from '../src/lib/upload';

describe('classifyErrors', () => {
  it('maps GraphQL codes and HTTP statuses to kinds', () => {
    expect(classifyErrors([{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }], 200).kind).toBe('unauthenticated');
    expect(classifyErrors([{ message: 'no', extensions: { code: 'FORBIDDEN' } }], 200).kind).toBe('forbidden');
    expect(classifyErrors([], 401).kind).toBe('unauthenticated');
    expect(classifyErrors([], 403).kind).toBe('forbidden');
    expect(classifyErrors([{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }], 400).kind).toBe('bad-input');
    expect(classifyErrors([{ message: 'boom' }], 500).kind).toBe('server');
  });
});

describe('signInProblemOf', () => {
  it('tells a wrong key from a BOT key, and keeps the detail of other failures', () => {
    expect(signInProblemOf(new ApiError('unauthenticated', 'x'))).toEqual({ code: 'unknownKey' });
    expect(signInProblemOf(new ApiError('forbidden', 'x'))).toEqual({ code: 'notAdminKey' });
    expect(signInProblemOf(new ApiError('network', 'Failed to fetch'))).toEqual({ code: 'unreachable', detail: 'Failed to fetch' });
    expect(signInProblemOf(new ApiError('server', 'boom'))).toEqual({ code: 'checkRefused', detail: 'boom' });
  });
});

describe('upload answers', () => {
  it('finds the job id in the usual shapes', () => {
    expect(jobIdOf({ jobId: 'j1' })).toBe('j1');
    expect(jobIdOf({ id: 7 })).toBe('7');
    expect(jobIdOf({ job: { id: 'j2' } })).toBe('j2');
    expect(jobIdOf({ created: 1 })).toBeNull();
    expect(jobIdOf(null)).toBeNull();
  });
  it('explains a refused upload from its body or status', () => {
    expect(uploadErrorMessage({ status: 401, body: { errors: [{ message: 'bad key' }] }, text: '' })).toBe('bad key');
    expect(uploadErrorMessage({ status: 413, body: { error: 'too large' }, text: '' })).toBe('too large');
    expect(uploadErrorMessage({ status: 502, body: null, text: '' })).toBe('HTTP 502');
    expect(uploadErrorMessage({ status: 502, body: null, text: 'Bad Gateway' })).toBe('HTTP 502: Bad Gateway');
  });
});

describe('roleProblem', () => {
  it('lets only ADMIN in and names BOT and anonymous', () => {
    expect(roleProblem('ADMIN')).toBeNull();
    expect(roleProblem('BOT')).toEqual({ code: 'notAdminKey' });
    expect(roleProblem('ANONYMOUS')).toEqual({ code: 'anonymous' });
  });
});

describe('toOpeningFilter', () => {
  it('sends only chosen filters, in the API shape', () => {
    expect(toOpeningFilter(EMPTY_FILTER)).toEqual({});
    expect(toOpeningFilter({ kind: 'STUDY', region: '서울특별시', status: 'CLOSED', text: '  리액트 ' })).toEqual({
      kind: 'STUDY',
      regions: ['서울특별시'],
      status: ['CLOSED'],
      text: '리액트',
    });
  });
});

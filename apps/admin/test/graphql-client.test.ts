import { describe, expect, it } from 'vitest';
import { GraphqlResponseError, GraphqlTransportError } from '@moim/graphql-client';
import { ApiError, classifyErrors, roleProblem, signInProblemOf, toApiError } from '../src/lib/graphql';
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

describe('toApiError', () => {
  it("turns the shared client's errors into the console's kinds, keeping the request id", () => {
    const refused = toApiError(
      new GraphqlResponseError([{ message: 'bad key', extensions: { code: 'UNAUTHENTICATED' } }], {
        status: 401,
        requestId: 'req-1',
        retryAfterSeconds: null,
      }),
    );
    expect([refused.kind, refused.message, refused.requestId]).toEqual(['unauthenticated', 'bad key', 'req-1']);
    const limited = toApiError(
      new GraphqlResponseError([{ message: 'Rate limit exceeded; retry in 3 s', extensions: { code: 'RATE_LIMITED' } }], {
        status: 429,
        requestId: null,
        retryAfterSeconds: 3,
      }),
    );
    expect([limited.kind, limited.message]).toEqual(['server', 'Rate limit exceeded; retry in 3 s']);
    const down = toApiError(new GraphqlTransportError('cannot reach the API at /graphql: Failed to fetch', { cause: new TypeError('Failed to fetch') }));
    expect([down.kind, down.message]).toEqual(['network', 'Failed to fetch']);
    const proxy = toApiError(new GraphqlTransportError('no GraphQL body', { http: { status: 502, requestId: null, retryAfterSeconds: null }, bodyText: 'Bad Gateway' }));
    expect([proxy.kind, proxy.message]).toEqual(['server', 'HTTP 502: Bad Gateway']);
    const forbidden = toApiError(new GraphqlTransportError('no data', { http: { status: 403, requestId: null, retryAfterSeconds: null } }));
    expect([forbidden.kind, forbidden.message]).toEqual(['forbidden', 'HTTP 403']);
  });
});

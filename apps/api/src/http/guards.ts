import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey, InvalidApiKeyError, keyFromHeaders, sameHash } from '../auth/api-keys';
import type { ApiConfig } from '../env';
import { ANONYMOUS, type Viewer } from '../auth/viewer';
import type { Services } from '../service-container';
import type { Metrics } from './metrics';
import { createRateLimiter } from './rate-limit';
import { sendGraphQLError } from './respond';

export function clientIp(request: FastifyRequest): string {
  return request.raw.socket.remoteAddress ?? 'unknown';
}

export function headerMap(headers: IncomingHttpHeaders): HeaderMap {
  const map = new HeaderMap();
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

/** True when the request carries a credential (an API key, or a bearer token for /metrics). */
export function sendsCredential(request: FastifyRequest): boolean {
  return Boolean(request.headers.authorization) || Boolean(request.headers['x-api-key']);
}

/**
 * The project's rate limits and authentication checks, shared by the routes. @fastify/rate-limit has no bucket that
 * is charged before a check and refunded when the credential turns out good, nor a peek. On PostgreSQL the counts are
 * shared by every replica (see rate-limit.ts).
 */
export function createGuards(deps: { config: ApiConfig; services: Services; metrics: Metrics }) {
  const { config, metrics } = deps;
  const production = config.nodeEnv === 'production';
  const pool = deps.services.deps.db.pool;
  const keyLimiter = createRateLimiter('key', config.rateLimitPerMinuteKey, pool);
  const ipLimiter = createRateLimiter('ip', config.rateLimitPerMinuteIp, pool);
  // Charged only when authentication fails: guessing keys (or the metrics token) gets 429 after a few tries.
  const authFailures = createRateLimiter('auth-failures', config.rateLimitAuthFailuresPerMinuteIp, pool);
  const readyzLimiter = createRateLimiter('readyz', config.rateLimitReadyzPerMinuteIp, pool);
  const metricsTokenHash = config.metricsToken ? hashApiKey(config.metricsToken) : undefined;

  /** Client-caused refusals are logged at info (never error): they say nothing about the server's health. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, message: string, code: string, headers: Record<string, string> = {}): FastifyReply => {
    request.log.info({ status, code }, `refused: ${message}`);
    return sendGraphQLError(reply, status, message, code, headers);
  };

  const tooManyFailures = (request: FastifyRequest, reply: FastifyReply, verdict: number): void => {
    metrics.rateLimited.inc({ by: 'auth-failures' });
    refuse(request, reply, 429, `Too many failed authentications from this address; retry in ${verdict} s`, 'RATE_LIMITED', { 'retry-after': String(verdict) });
  };

  /**
   * An attempt to authenticate with a credential not known to be good takes a token from this IP's
   * failed-authentication bucket before it is checked (so concurrent guesses count too) and gets it back when the
   * credential turns out good. An empty bucket answers 429 without checking anything.
   */
  const attempt = async <T>(request: FastifyRequest, reply: FastifyReply, check: () => Promise<T>): Promise<T | undefined> => {
    const ip = `ip:${clientIp(request)}`;
    const verdict = await authFailures.take(ip);
    if (verdict !== true) {
      tooManyFailures(request, reply, verdict);
      return undefined;
    }
    try {
      const result = await check();
      await authFailures.refund(ip);
      return result;
    } catch (error) {
      if (error instanceof InvalidApiKeyError) {
        refuse(request, reply, 401, `Invalid API key: ${error.message}`, 'UNAUTHENTICATED');
        return undefined;
      }
      await authFailures.refund(ip);
      throw error;
    }
  };

  return {
    refuse,

    /** The caller's viewer, or undefined when the request was refused (401 for a bad key, 429 when guessing). */
    async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Viewer | undefined> {
      let key: string | undefined;
      try {
        key = keyFromHeaders(headerMap(request.headers));
      } catch (error) {
        if (!(error instanceof InvalidApiKeyError)) throw error;
        return attempt(request, reply, () => Promise.reject(error));
      }
      if (key === undefined) return ANONYMOUS;
      const verifier = deps.services.apiKeys.verifier;
      const presented = key;
      if (verifier.knows(presented)) return verifier.verify(presented);
      return attempt(request, reply, () => verifier.verify(presented));
    },

    /** Rate limit by key when one is sent (hashed in the verifier; here the raw header is only a map key), else by IP. */
    async limited(request: FastifyRequest, reply: FastifyReply, viewer: Viewer): Promise<boolean> {
      const byKey = viewer.keyId !== null;
      const verdict = await (byKey ? keyLimiter.take(`key:${viewer.keyId}`) : ipLimiter.take(`ip:${clientIp(request)}`));
      if (verdict === true) return false;
      metrics.rateLimited.inc({ by: byKey ? 'key' : 'ip' });
      refuse(request, reply, 429, `Rate limit exceeded; retry in ${verdict} s`, 'RATE_LIMITED', { 'retry-after': String(verdict) });
      return true;
    },

    /** Readiness probes per IP: each one may ping the database. */
    async readyzLimited(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
      const verdict = await readyzLimiter.take(`ip:${clientIp(request)}`);
      if (verdict === true) return false;
      metrics.rateLimited.inc({ by: 'readyz' });
      refuse(request, reply, 429, `Too many readiness probes; retry in ${verdict} s`, 'RATE_LIMITED', { 'retry-after': String(verdict) });
      return true;
    },

    /** GET /metrics: a bearer METRICS_TOKEN when one is set; without one, open outside production and off in it. */
    async metricsAllowed(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
      if (!metricsTokenHash) {
        if (!production) return true;
        refuse(request, reply, 403, 'GET /metrics is off in production until METRICS_TOKEN is set', 'FORBIDDEN');
        return false;
      }
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!presented) {
        refuse(request, reply, 401, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>', 'UNAUTHENTICATED');
        return false;
      }
      const ip = `ip:${clientIp(request)}`;
      const verdict = await authFailures.peek(ip);
      if (verdict !== true) {
        tooManyFailures(request, reply, verdict);
        return false;
      }
      if (sameHash(hashApiKey(presented), metricsTokenHash)) return true;
      await authFailures.take(ip);
      refuse(request, reply, 401, 'Invalid metrics token', 'UNAUTHENTICATED');
      return false;
    },
  };
}

export type Guards = ReturnType<typeof createGuards>;

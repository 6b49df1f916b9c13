import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '@moim/db';
import type { Viewer } from './viewer';

export type KeyRole = 'ADMIN' | 'BOT';

/** New secret: "moim_" + 32 random bytes base64url. */
export function generateApiKey(): string {
  return `moim_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison of two sha256 hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export class InvalidApiKeyError extends Error {
  override readonly name = 'InvalidApiKeyError';
}

/** Reads `Authorization: Bearer <key>` (or `x-api-key`); undefined when none is sent. */
export function keyFromHeaders(headers: { get(name: string): string | undefined | null }): string | undefined {
  const auth = headers.get('authorization');
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!match?.[1]) throw new InvalidApiKeyError('Authorization header must be "Bearer <api key>"');
    return match[1];
  }
  const header = headers.get('x-api-key');
  return header ? header.trim() : undefined;
}

/** Bounds how long a key revoked through another replica keeps working here (the README promises under 5 s). */
export const KEY_CACHE_TTL_MS = 3_000;

/**
 * Resolves API keys to viewers. Keys are stored as sha256 hex; the lookup is by hash and the final check
 * compares digests in constant time. Verified keys are cached briefly so hot paths skip the database.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { viewer: Viewer; until: number }>();
  private readonly bootstrapHash: string | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    bootstrapAdminKey: string | undefined,
  ) {
    this.bootstrapHash = bootstrapAdminKey ? hashApiKey(bootstrapAdminKey) : undefined;
  }

  async verify(key: string): Promise<Viewer> {
    const hash = hashApiKey(key);
    if (this.bootstrapHash && sameHash(hash, this.bootstrapHash)) {
      return { role: 'ADMIN', keyId: 'bootstrap', keyName: 'MOIM_ADMIN_KEY' };
    }
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.viewer;
    const row = await this.prisma.apiKey.findUnique({ where: { keyHash: hash } });
    if (!row || row.revokedAt !== null || !sameHash(hash, row.keyHash)) {
      throw new InvalidApiKeyError('unknown or revoked API key');
    }
    const viewer: Viewer = { role: row.role, keyId: row.id, keyName: row.name };
    this.cache.set(hash, { viewer, until: Date.now() + KEY_CACHE_TTL_MS });
    if (this.cache.size > 10_000) this.cache.clear();
    return viewer;
  }

  /** True when `key` is the bootstrap key or verified recently: checking it again guesses nothing. */
  knows(key: string): boolean {
    const hash = hashApiKey(key);
    if (this.bootstrapHash && sameHash(hash, this.bootstrapHash)) return true;
    return (this.cache.get(hash)?.until ?? 0) > Date.now();
  }

  forget(): void {
    this.cache.clear();
  }
}

export async function createApiKey(
  prisma: PrismaClient,
  input: { name: string; role: KeyRole },
): Promise<{ key: string; apiKey: { id: string; name: string; role: KeyRole; createdAt: Date } }> {
  const key = generateApiKey();
  const row = await prisma.apiKey.create({ data: { name: input.name, role: input.role, keyHash: hashApiKey(key) } });
  return { key, apiKey: { id: row.id, name: row.name, role: row.role, createdAt: row.createdAt } };
}

import type { ApiKeyModel } from '@moim/db';
import { createApiKey, type ApiKeyVerifier, type KeyRole } from '../../auth/api-keys';
import type { ServiceDeps } from '../service-deps';

/** A key as listed: never its hash. */
export type ListedApiKey = Pick<ApiKeyModel, 'id' | 'name' | 'role' | 'createdAt'>;

export class ApiKeysService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'db'>,
    readonly verifier: ApiKeyVerifier,
  ) {}

  create(name: string, role: KeyRole) {
    return createApiKey(this.deps.db.prisma, { name, role });
  }

  list(): Promise<ListedApiKey[]> {
    return this.deps.db.prisma.apiKey.findMany({
      where: { revokedAt: null },
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true, role: true, createdAt: true },
    });
  }

  async revoke(id: string): Promise<boolean> {
    const { count } = await this.deps.db.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    this.verifier.forget();
    return count > 0;
  }
}

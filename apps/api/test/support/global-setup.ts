import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureSecondModel } from './models';

/**
 * The API tests run against a real PostgreSQL with pgvector: DATABASE_URL when set, else the repository's
 * throwaway cluster (scripts/db/up.sh, idempotent, prints DATABASE_URL=…).
 */
export default function setup(): void {
  if (!process.env.DATABASE_URL) {
    const script = join(import.meta.dirname, '../../../../scripts/db/up.sh');
    let out = '';
    try {
      out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    } catch (error) {
      throw new Error(`DATABASE_URL is not set and ${script} failed (${(error as Error).message}); start PostgreSQL with pgvector and export DATABASE_URL`);
    }
    const url = /^DATABASE_URL=(\S+)$/m.exec(out)?.[1];
    if (!url) throw new Error(`DATABASE_URL is not set and ${script} printed no DATABASE_URL line`);
    process.env.DATABASE_URL = url;
  }
  ensureSecondModel();
}

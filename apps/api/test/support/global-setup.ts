import { ensureFixtureModels } from './models';

export default function setup(): void {
  if (!process.env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: the API tests run against a real PostgreSQL with pgvector. ' +
        'Run `bash scripts/db/up.sh` from the repository root and export the DATABASE_URL line it prints.',
    );
  }
  ensureFixtureModels();
}

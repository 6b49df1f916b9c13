import { resolveTestServerUrl } from '@moim/db/testing';
import { ensureFixtureModels } from './models';

export default function setup(): void {
  // Sets DATABASE_URL (starting scripts/db/up.sh's cluster when unset) before any worker starts.
  resolveTestServerUrl();
  ensureFixtureModels();
}

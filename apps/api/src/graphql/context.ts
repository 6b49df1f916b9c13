import type { Logger } from 'pino';
import type { Loaders } from './loaders';
import type { Services } from '../services/services';
import type { ActorSource } from '../modules/team-loop/acting-member';

export type ViewerRole = 'ANONYMOUS' | 'BOT' | 'ADMIN';

export interface Viewer {
  role: ViewerRole;
  keyId: string | null;
  keyName: string | null;
}

export const ANONYMOUS: Viewer = { role: 'ANONYMOUS', keyId: null, keyName: null };

export interface GraphQLContext {
  viewer: Viewer;
  services: Services;
  loaders: Loaders;
  log: Logger;
  requestId: string;
  /** Who acts (ADMIN, a BOT key as itself, or the member of its x-moim-acting-discord-id header), resolved on first use. */
  actor: ActorSource;
}

import type { Logger } from 'pino';
import type { Services } from '../service-container';
import type { Viewer } from '../auth/viewer';
import type { Loaders } from './loaders';
import type { ActorSource } from '../modules/team-loop/acting-member';

/** What every resolver gets, built per request by the /graphql route. */
export interface GraphQLContext {
  viewer: Viewer;
  services: Services;
  loaders: Loaders;
  log: Logger;
  requestId: string;
  /** Who acts (ADMIN, a BOT key as itself, or the member of its x-moim-acting-discord-id header), resolved on first use. */
  actor: ActorSource;
}

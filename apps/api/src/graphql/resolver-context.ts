import type { Logger } from 'pino';
import type { Services } from '../service-container';
import type { Viewer } from './context';
import type { Loaders } from './loaders';

/** What every resolver gets, built per request by the /graphql route. */
export interface GraphQLContext {
  viewer: Viewer;
  services: Services;
  loaders: Loaders;
  log: Logger;
  requestId: string;
}

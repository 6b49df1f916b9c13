import type { Logger } from 'pino';
import type { Loaders } from './loaders';
import type { Services } from '../services/services';

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
}

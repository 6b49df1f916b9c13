export { createGraphqlApi } from './api/moim-graphql-api';
export type { MoimApi } from './api/types';
export { createHandlerDeps } from './bot';
export { commandJson } from './commands/index';
export { deployCommands } from './deploy';
export { handleInteraction } from './interaction/handler';
export { createInteractionsServer } from './transports/http-server';

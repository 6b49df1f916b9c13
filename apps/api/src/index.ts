export { createApp, type App, type AppOptions } from './app';
export { loadConfig, testConfig, type ApiConfig } from './env';
export { MODULES_DIR, loadTypeDefs } from './graphql/schema';
export { hashApiKey, generateApiKey } from './auth/api-keys';

// What other packages use: the app (admin console, bot and e2e tests start it in process) and its test config.
export { createApp, type App, type AppOptions } from './app';
export { testConfig, type ApiConfig } from './env';

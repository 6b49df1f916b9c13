import { createRequire } from 'node:module';

/**
 * Vitest alias for suites that run the API in-process. graphql has no "exports" map: Node loads its CommonJS
 * build for Apollo, while Vite would pick index.mjs for our sources, and graphql refuses types from "another
 * realm". Resolving `graphql` the way Node does (from the calling config's package) gives both one instance.
 *
 *   resolve: { alias: oneGraphqlInstance(import.meta.url) }
 */
export function oneGraphqlInstance(configUrl: string): { find: RegExp; replacement: string }[] {
  return [{ find: /^graphql$/, replacement: createRequire(configUrl).resolve('graphql') }];
}

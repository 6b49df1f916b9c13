import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the bot's operations, generated offline from the API's schema files.
 * While apps/api has no schema yet, the provisional contract copy in ./schema is used instead.
 */
const apiModules = join(import.meta.dirname, '../api/src/modules');

function hasGraphqlFiles(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((file) => file.endsWith('.graphql'));
}

const schema = hasGraphqlFiles(apiModules) ? '../api/src/modules/**/*.graphql' : './schema/contract.graphql';
if (schema.startsWith('./schema')) console.warn('[bot codegen] apps/api schema not found; using schema/contract.graphql');

const config: CodegenConfig = {
  schema,
  documents: ['src/api/operations/*.graphql'],
  silent: true,
  generates: {
    'src/api/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
        scalars: { ID: 'string', DateTime: 'string', JSON: 'unknown' },
        skipTypename: true,
      },
    },
  },
};

export default config;

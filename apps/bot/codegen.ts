import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the bot's operations, generated offline from the API's own schema files, so a change in
 * the API that breaks an operation fails generation (and so typecheck and test) here.
 */
const config: CodegenConfig = {
  schema: '../api/src/modules/**/*.graphql',
  documents: ['src/api/operations/*.graphql'],
  silent: true,
  generates: {
    'src/api/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
        scalars: { ID: 'string' },
        skipTypename: true,
        documentMode: 'string',
      },
    },
  },
};

export default config;

import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the console's operations (`src/web/operations/*.graphql`), generated offline from the API's own
 * schema files, so an API change that breaks the console fails its build and typecheck. Documents are generated as
 * strings: the browser sends their text and ships no GraphQL parser or printer.
 */
const config: CodegenConfig = {
  schema: '../api/src/modules/**/*.graphql',
  documents: ['src/web/operations/*.graphql'],
  silent: true,
  generates: {
    'src/generated/graphql.ts': {
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

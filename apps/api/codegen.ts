import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from the schema-first .graphql files, generated offline before typecheck/test/start.
// Parent types of object fields are the Prisma client's row types (from @moim/db) and the services' own result
// types, so resolvers get DB rows.
const config: CodegenConfig = {
  schema: 'src/modules/**/*.graphql',
  silent: true,
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../graphql/resolver-context#GraphQLContext',
        mapperTypeSuffix: 'Model',
        mappers: {
          Member: '@moim/db#MemberModel',
          Opening: '@moim/db#OpeningModel',
          Application: '@moim/db#ApplicationModel',
          ImportJob: '@moim/db#ImportJobModel',
          ApiKey: '../modules/api-keys/service#ListedApiKey',
          OpeningMatch: '../modules/recommendations/service#OpeningMatch',
          MemberMatch: '../modules/recommendations/service#MemberMatch',
          TeamProposal: '../modules/teams/service#TeamProposal',
          TeamAssignment: '../modules/teams/service#TeamAssignment',
          TeamFormation: '../modules/teams/service#TeamFormation',
          ReembedJob: '../modules/embedding/reembed#ReembedJob',
          OpeningConnection: '../modules/openings/service#OpeningPage',
          Invitation: '@moim/db#InvitationModel',
          Notification: '@moim/db#NotificationRow',
        },
        scalars: { ID: 'string' },
        avoidOptionals: false,
        maybeValue: 'T | null | undefined',
      },
    },
  },
};

export default config;

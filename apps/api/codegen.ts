import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from the schema-first .graphql files, generated offline before typecheck/test/start.
// Parent types of object fields are our own row types (src/graphql/mappers.ts), so resolvers get DB rows.
const config: CodegenConfig = {
  schema: 'src/modules/**/*.graphql',
  silent: true,
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../graphql/context#GraphQLContext',
        mapperTypeSuffix: 'Model',
        mappers: {
          Member: '../graphql/mappers#MemberParent',
          Opening: '../graphql/mappers#OpeningParent',
          Application: '../graphql/mappers#ApplicationParent',
          OpeningMatch: '../graphql/mappers#OpeningMatchParent',
          MemberMatch: '../graphql/mappers#MemberMatchParent',
          TeamProposal: '../graphql/mappers#TeamProposalParent',
          TeamAssignment: '../graphql/mappers#TeamAssignmentParent',
          TeamFormation: '../graphql/mappers#TeamFormationParent',
          ImportJob: '../graphql/mappers#ImportJobParent',
          ReembedJob: '../graphql/mappers#ReembedJobParent',
          ApiKey: '../graphql/mappers#ApiKeyParent',
          Invitation: '../modules/team-loop/service#InvitationRow',
          Notification: '@moim/db#NotificationRow',
          OpeningConnection: '../services/openings#OpeningPage',
        },
        scalars: { ID: 'string' },
        avoidOptionals: false,
        maybeValue: 'T | null | undefined',
      },
    },
  },
};

export default config;

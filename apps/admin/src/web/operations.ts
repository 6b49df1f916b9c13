// Every GraphQL document the console sends, in one place so a schema change is one edit.
// Names follow the schema contract (issue 4) and apps/api's schema.

/** Who the key belongs to: a wrong key fails UNAUTHENTICATED, a BOT key answers role BOT. */
export const VIEWER = /* GraphQL */ `
  query Viewer {
    viewer { role keyName }
  }
`;

export const VOCABULARY = /* GraphQL */ `
  query Vocabulary {
    vocabulary { regions stacks }
    embedder { modelId dimension }
  }
`;

export const IMPORT_JOB = /* GraphQL */ `
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      id status total processed created updated failed error
      errors { index field message }
    }
  }
`;

/** Newest first; used to spot the job an upload started before the API's answer arrives. */
export const RECENT_IMPORT_JOBS = /* GraphQL */ `
  query RecentImportJobs($first: Int) {
    importJobs(first: $first) { id status }
  }
`;

export const OPENINGS = /* GraphQL */ `
  query Openings($filter: OpeningFilter, $first: Int, $after: String) {
    openings(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id externalId kind title region stacks minExperienceYears tags capacity status
          freeSeats acceptedCount applicationCount
        }
      }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`;

export const OPENING_DETAIL = /* GraphQL */ `
  query OpeningDetail($id: ID!, $first: Int) {
    opening(id: $id) {
      id externalId kind title description region stacks minExperienceYears tags capacity status
      freeSeats acceptedCount applicationCount
    }
    recommendMembers(openingId: $id, first: $first) {
      member { id displayName region experienceYears stacks }
      score similarity
      reasons { code message }
    }
    proposeTeam(openingId: $id) {
      totalScore
      members { member { id displayName region experienceYears stacks } score similarity reasons { code message } }
      coveredStacks missingStacks
    }
  }
`;

export const CLOSE_OPENING = /* GraphQL */ `
  mutation CloseOpening($id: ID!) {
    closeOpening(id: $id) { id status }
  }
`;

export const REOPEN_OPENING = /* GraphQL */ `
  mutation ReopenOpening($id: ID!) {
    reopenOpening(id: $id) { id status }
  }
`;

export const START_REEMBED = /* GraphQL */ `
  mutation StartReembed($modelDir: String) {
    startReembed(modelDir: $modelDir) { id }
  }
`;

export const REEMBED_JOB = /* GraphQL */ `
  query ReembedJob($id: ID!) {
    reembedJob(id: $id) { id status modelId previousModelId total processed error startedAt finishedAt }
  }
`;

// The real API for tests and benchmarks of every package: in this process or as its own process, each on a
// fresh test database (@moim/db/testing) with the shipped model, and each with an admin key and a BOT key.
export { startApi, type InProcessApi, type InProcessOptions } from './in-process';
export { spawnApi, type ChildApi, type SpawnOptions } from './child-process';
export { graphqlOver, type GraphQLResponse, type Gql } from './graphql';

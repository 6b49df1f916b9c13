export { request, createGraphqlClient, type GraphqlClient, type GraphqlClientOptions, type RequestExtras } from './request';
export { GraphqlResponseError, GraphqlTransportError, type GraphqlErrorEntry, type HttpAnswer } from './errors';
export type { TypedDocument, ResultOf, VariablesOf } from './typed-document';

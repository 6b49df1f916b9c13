/**
 * A GraphQL document that knows its result and variables types. graphql-codegen's typed-document-node plugin with
 * `documentMode: 'string'` generates exactly this (a `TypedDocumentString`), so a document is sent as its text and
 * neither package ships graphql's parser or printer to run an operation.
 */
export interface TypedDocument<TResult, TVariables> {
  /** Never set at run time; carries the types (the shape of `DocumentTypeDecoration` in @graphql-typed-document-node/core). */
  readonly __apiType?: (variables: TVariables) => TResult;
  toString(): string;
}

export type ResultOf<T> = T extends TypedDocument<infer TResult, never> ? TResult : never;
export type VariablesOf<T> = T extends TypedDocument<unknown, infer TVariables> ? TVariables : never;

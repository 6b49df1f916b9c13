import {
  getDirectiveValues,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Values of the schema's own directives (`directives.graphql`: @auth, @cost, @listSize) on types, fields and
 * arguments, read from their SDL nodes (a type's `extend type` nodes included). Cached per schema element.
 */
export type Access = 'KEY' | 'ADMIN';

type WithNodes = { astNode?: unknown; extensionASTNodes?: readonly unknown[] };
const cache = new WeakMap<object, Map<string, Record<string, unknown> | null>>();

function directiveValues(schema: GraphQLSchema, element: WithNodes, name: string): Record<string, unknown> | null {
  let perElement = cache.get(element);
  if (!perElement) cache.set(element, (perElement = new Map()));
  if (perElement.has(name)) return perElement.get(name)!;
  const directive = schema.getDirective(name);
  let found: Record<string, unknown> | null = null;
  if (directive) {
    for (const node of [element.astNode, ...(element.extensionASTNodes ?? [])]) {
      if (!node) continue;
      const values = getDirectiveValues(directive, node as Parameters<typeof getDirectiveValues>[1]);
      if (values) found = values;
    }
  }
  perElement.set(name, found);
  return found;
}

export function authOf(schema: GraphQLSchema, element: GraphQLNamedType | GraphQLField<unknown, unknown> | GraphQLArgument): Access | undefined {
  return directiveValues(schema, element, 'auth')?.requires as Access | undefined;
}

export function costWeightOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): number | undefined {
  return directiveValues(schema, field, 'cost')?.weight as number | undefined;
}

export function listSizeOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): { assumedSize?: number; sizedFields?: string[] } | undefined {
  return (directiveValues(schema, field, 'listSize') as { assumedSize?: number; sizedFields?: string[] } | null) ?? undefined;
}

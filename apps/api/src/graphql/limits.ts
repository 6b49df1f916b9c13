import {
  GraphQLError,
  Kind,
  getNamedType,
  isListType,
  getNullableType,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type GraphQLSchema,
  type DocumentNode,
  type OperationDefinitionNode,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Depth and cost limits as validation rules, so an expensive document is refused before anything runs.
 * Cost: each field costs 1; a list field multiplies the cost of its selection by its `first` argument
 * (literal or variable, default 10, capped at 100) or by 10 when it has none.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let max = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue;
          max = Math.max(max, sel.selectionSet ? 1 + depthOf(sel.selectionSet, seen) : 1);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(sel.selectionSet, seen));
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (!frag || seen.has(name)) continue;
          max = Math.max(max, depthOf(frag.selectionSet, new Set([...seen, name])));
        }
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the limit of ${maxDepth}`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX', depth, maxDepth },
            }),
          );
        }
      },
    };
  };
}

const DEFAULT_LIST_SIZE = 10;
const MAX_LIST_SIZE = 100;

/** Cost of one operation of a validated document (see the module comment). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const listSize = (field: FieldNode, inherited?: number): number => {
    const arg = field.arguments?.find((a) => a.name.value === 'first');
    if (!arg) return inherited ?? DEFAULT_LIST_SIZE;
    const raw = valueFromASTUntyped(arg.value, variables);
    const n = typeof raw === 'number' && Number.isFinite(raw) ? raw : DEFAULT_LIST_SIZE;
    return Math.min(Math.max(n, 1), MAX_LIST_SIZE);
  };
  // A connection field's `first` (e.g. openings(first: 100) { edges { … } }) sizes the lists inside it.
  const costOf = (
    set: SelectionSetNode | undefined,
    parent: GraphQLOutputType | undefined,
    seen: Set<string>,
    inherited?: number,
  ): number => {
    if (!set) return 0;
    let total = 0;
    const named = parent ? getNamedType(parent) : undefined;
    const fields: Record<string, GraphQLField<unknown, unknown>> =
      named && (isObjectType(named) || isInterfaceType(named)) ? named.getFields() : {};
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const type = fields[sel.name.value]?.type;
        const isList = type ? isListType(getNullableType(type)) : false;
        const hasFirst = sel.arguments?.some((a) => a.name.value === 'first') ?? false;
        if (isList) {
          total += 1 + listSize(sel, inherited) * costOf(sel.selectionSet, type, seen);
        } else {
          total += 1 + costOf(sel.selectionSet, type, seen, hasFirst ? listSize(sel) : undefined);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : undefined;
        total += costOf(sel.selectionSet, (cond as GraphQLOutputType | undefined) ?? parent, seen, inherited);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(sel.name.value)) continue;
        const cond = schema.getType(frag.typeCondition.name.value) as GraphQLOutputType | undefined;
        total += costOf(frag.selectionSet, cond ?? parent, new Set([...seen, sel.name.value]), inherited);
      }
    }
    return total;
  };
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return costOf(operation.selectionSet, root ?? undefined, new Set());
}

/** Refuses operations above `maxCost` after validation, when variables are known. */
export function costLimitPlugin<T extends BaseContext>(maxCost: number): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          if (!ctx.operation) return;
          const cost = operationCost(ctx.schema, ctx.document, ctx.operation, ctx.request.variables ?? {});
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

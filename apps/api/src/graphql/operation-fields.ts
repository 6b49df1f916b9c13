import {
  Kind,
  getArgumentValues,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface FieldVisit {
  node: FieldNode;
  def: GraphQLField<unknown, unknown>;
  parent: GraphQLNamedType;
}

/**
 * The fields an operation selects, with fragments expanded (each fragment once per selection set, like graphql-js
 * execution) and arguments coerced with the request's variables (variable defaults and argument defaults
 * included), for checks that must see what will actually run: the cost limit and the read model.
 */
export class OperationFields {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();

  private constructor(
    readonly schema: GraphQLSchema,
    document: DocumentNode,
    readonly operation: OperationDefinitionNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const def of document.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(def.name.value, def);
    }
  }

  /** Undefined when the variables do not coerce: then execution refuses the request before any resolver runs. */
  static of(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> | undefined): OperationFields | undefined {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 1 });
    if (coerced.errors) return undefined;
    return new OperationFields(schema, document, operation, coerced.coerced);
  }

  rootType(): GraphQLNamedType | undefined {
    const op = this.operation.operation;
    return (op === 'query' ? this.schema.getQueryType() : op === 'mutation' ? this.schema.getMutationType() : this.schema.getSubscriptionType()) ?? undefined;
  }

  /** Fields of one selection set on `parent`; introspection fields (`__schema`, `__type`) are left out. */
  fields(set: SelectionSetNode, parent: GraphQLNamedType, seen = new Set<string>(), out: FieldVisit[] = []): FieldVisit[] {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__typename') {
          out.push({ node: sel, def: TypeNameMetaFieldDef as GraphQLField<unknown, unknown>, parent });
          continue;
        }
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (def) out.push({ node: sel, def, parent });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : parent;
        this.fields(sel.selectionSet, cond ?? parent, seen, out);
      } else {
        const name = sel.name.value;
        const frag = this.fragments.get(name);
        if (!frag || seen.has(name)) continue;
        seen.add(name);
        this.fields(frag.selectionSet, this.schema.getType(frag.typeCondition.name.value) ?? parent, seen, out);
      }
    }
    return out;
  }

  /** Coerced argument values; {} when they do not coerce (execution then reports the field's error). */
  args(visit: FieldVisit): Record<string, unknown> {
    try {
      return getArgumentValues(visit.def, visit.node, this.variables);
    } catch {
      return {};
    }
  }
}

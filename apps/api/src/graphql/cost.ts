import { getNamedType, getNullableType, GraphQLError, isListType, type GraphQLNamedType, type SelectionSetNode } from 'graphql';
import { costWeightOf, listSizeOf } from './directives';
import { MAX_FIRST } from '../common/page-size';
import type { FieldVisit, OperationFields } from './operation-fields';

const DEFAULT_LIST_SIZE = 10;
/** Fields visited at most while costing; beyond this the operation is over any sensible limit. */
const MAX_VISITS = 50_000;

/**
 * The work behind an operation. A field costs its `@cost(weight)` (default 1) plus its selection's cost, times its
 * list size when it returns a list. List size: the coerced `first` argument (the schema default when omitted, at
 * most 100), else `@listSize(assumedSize)` (default 10); a field's `@listSize(sizedFields)` (a connection's
 * `edges`) are sized by its `first`. Arguments are coerced with the request's variables and their defaults, so a
 * variable default costs what it runs.
 */
export function operationCost(fields: OperationFields): number {
  const root = fields.rootType();
  if (!root) return 0;
  let visits = 0;
  const schema = fields.schema;

  const sizeOf = (visit: FieldVisit): number => {
    const arg = visit.def.args.find((a) => a.name === 'first');
    if (arg) {
      const value = fields.args(visit).first ?? arg.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value)) return Math.min(Math.max(Math.trunc(value), 0), MAX_FIRST);
      return MAX_FIRST;
    }
    return listSizeOf(schema, visit.def)?.assumedSize ?? DEFAULT_LIST_SIZE;
  };

  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType, sized: ReadonlyMap<string, number> | undefined): number => {
    let total = 0;
    for (const visit of fields.fields(set, parent)) {
      if (++visits > MAX_VISITS) return Number.POSITIVE_INFINITY;
      const name = visit.def.name;
      const weight = costWeightOf(schema, visit.def) ?? 1;
      const isList = isListType(getNullableType(visit.def.type));
      const sizedFields = listSizeOf(schema, visit.def)?.sizedFields;
      const size = sized?.get(name) ?? (isList || sizedFields ? sizeOf(visit) : 1);
      const inner = sizedFields ? new Map(sizedFields.map((f) => [f, size])) : undefined;
      const children = visit.node.selectionSet ? costOf(visit.node.selectionSet, getNamedType(visit.def.type), inner) : 0;
      total += weight + (isList ? size : 1) * children;
    }
    return total;
  };
  return costOf(fields.operation.selectionSet, root, undefined);
}

export function costTooHigh(cost: number, maxCost: number): GraphQLError {
  const shown = Number.isFinite(cost) ? cost : `more than ${maxCost}`;
  return new GraphQLError(`Query cost ${shown} exceeds the limit of ${maxCost}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', cost: Number.isFinite(cost) ? cost : null, maxCost, http: { status: 400 } },
  });
}

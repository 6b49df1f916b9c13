import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { requireWellFormed } from '@moim/matching';
import { BadInputError, validated } from '../errors/domain-errors';

/** Longest ID any record has (cuid 25, UUID 36), with room to spare; longer is never an id. */
export const MAX_ID_LENGTH = 128;
/** Longest list any argument takes (importOpenings' rows); specific lists have tighter caps in the services. */
export const MAX_LIST_ITEMS = 10_000;

/**
 * Arguments checked elsewhere, row by row, so that one bad row becomes a row error and the good rows are kept
 * (the import normalises every text field of every row with the same checks).
 */
const ROW_CHECKED = new Set(['Mutation.importOpenings.input']);

/**
 * Every string that reaches SQL passes here first: PostgreSQL refuses NUL in text (a 500 before this check) and
 * stores a lone UTF-16 surrogate as U+FFFD (or refuses it inside JSON). Also caps list lengths and ID lengths.
 * Throws BAD_USER_INPUT naming the argument path (`id`, `filter.text`, `input.stacks[1]`). `field` is `Type.field`,
 * e.g. `Query.member`.
 */
export function checkArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>, field: string): void {
  for (const def of definitions) {
    if (ROW_CHECKED.has(`${field}.${def.name}`)) continue;
    checkValue(args[def.name], def.type, def.name);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType as GraphQLInputType, path);
    if (value.length > MAX_LIST_ITEMS) {
      throw new BadInputError(path, value, `${path}: at most ${MAX_LIST_ITEMS} items, got ${value.length}`);
    }
    value.forEach((item, i) => checkValue(item, type.ofType as GraphQLInputType, `${path}[${i}]`));
    return;
  }
  if (isInputObjectType(type)) {
    const record = value as Record<string, unknown>;
    for (const [name, field] of Object.entries(type.getFields())) checkValue(record[name], field.type, `${path}.${name}`);
    return;
  }
  if (typeof value === 'string') checkString(value, getNamedType(type).name === 'ID', path);
}

/** The string checks alone, for values that do not arrive as GraphQL arguments (decoded cursors, CSV cells). */
export function checkString(value: string, isId: boolean, path: string): void {
  const nul = value.indexOf('\u0000');
  if (nul >= 0) {
    throw new BadInputError(path, value, `${path}: contains a NUL character (U+0000) at position ${nul}, which text cannot hold`);
  }
  validated(() => requireWellFormed(path, value, value));
  if (isId && value.length > MAX_ID_LENGTH) {
    throw new BadInputError(path, value, `${path}: an id is at most ${MAX_ID_LENGTH} characters, got ${value.length}`);
  }
}

function fieldArguments(info: GraphQLResolveInfo): readonly GraphQLArgument[] {
  return info.parentType.getFields()[info.fieldName]?.args ?? [];
}

/** Runs checkArguments before every resolver that has arguments, so no resolver can forget it. */
export function argumentGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          return {
            willResolveField({ args, info }) {
              const definitions = fieldArguments(info);
              if (definitions.length === 0) return; // most fields: nothing to walk
              checkArguments(definitions, args as Record<string, unknown>, `${info.parentType.name}.${info.fieldName}`);
            },
          };
        },
      };
    },
  };
}

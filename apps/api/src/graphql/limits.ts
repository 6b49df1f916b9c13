import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  buildASTSchema,
  concatAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type ASTVisitor,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ApiConfig } from '../env';
import { loadTypeDefs } from './schema';

type Limits = Pick<ApiConfig, 'maxQueryDepth' | 'maxQueryAliases' | 'maxQueryDirectives' | 'maxQueryRootFields' | 'maxQueryTokens'>;

/** A response key (alias or field name) at most this often in one selection set, fragments expanded. */
export const MAX_REPEATED_FIELD = 10;

function armorRules(limits: Limits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  return new ApolloArmor({
    // __typename is counted too: 100,000 `a: __typename` aliases are as much work to parse and answer as any.
    maxAliases: { n: limits.maxQueryAliases, allowList: [] },
    maxDepth: { n: limits.maxQueryDepth },
    maxDirectives: { n: limits.maxQueryDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

function shapeRules(limits: Limits): ValidationRule[] {
  return [...armorRules(limits).validationRules, maxRootFieldsRule(limits.maxQueryRootFields), maxRepeatedFieldRule(MAX_REPEATED_FIELD)];
}

/**
 * Shape limits, refused while parsing (tokens: graphql-js's own `maxTokens` parse option, no second parse) or
 * validating (graphql-armor's max-aliases, max-depth, max-directives; the root-field rule below), i.e. before
 * any resolver runs and before the cost is computed. Armor's cost-limit is off: it weighs every field alike and
 * reads only literal `first` values; the cost of the work behind fields is `cost.ts`, run with the variables.
 * Armor's block-field-suggestions is off: it misses "Did you mean the enum value …?" and variable-coercion
 * errors; production strips every suggestion in `formatError` instead.
 */
export function operationLimits(limits: Limits): { parseOptions: { maxTokens: number }; validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  return {
    parseOptions: { maxTokens: limits.maxQueryTokens },
    validationRules: shapeRules(limits),
    plugins: armorRules(limits).plugins,
  };
}

/** Passed documents the HTTP door remembers (oldest forgotten first), each at most this long. */
const SCREEN_CACHE_ENTRIES = 1_000;
const SCREEN_CACHE_MAX_CHARS = 8_192;

/**
 * The shape limits alone, before Apollo: graphql-js runs its own rules in the same pass as ours, and one of them
 * (fields-can-be-merged) is quadratic in repeated fields, so a document over a limit would still cost its full
 * validation. This parses with the token limit and runs only the shape rules (linear), so the HTTP door refuses
 * such a document in milliseconds. Returns the refusals; undefined when the document passes or does not parse
 * (Apollo then answers it as usual).
 */
export function createDocumentScreen(limits: Limits): (query: string) => readonly GraphQLError[] | undefined {
  const schema = buildASTSchema(concatAST(loadTypeDefs()));
  const rules = shapeRules(limits);
  // Documents that passed, as Apollo caches parsed documents: clients send the same few again and again, and
  // parsing + validating each of them was a tenth of the API's CPU per recommendation.
  const passed = new Set<string>();
  return (query) => {
    if (passed.has(query)) return undefined;
    let document;
    try {
      document = parse(query, { maxTokens: limits.maxQueryTokens, noLocation: true });
    } catch {
      return undefined;
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) return errors;
    if (query.length <= SCREEN_CACHE_MAX_CHARS) {
      if (passed.size >= SCREEN_CACHE_ENTRIES) passed.delete(passed.values().next().value!);
      passed.add(query);
    }
    return undefined;
  };
}

/**
 * One response key at most `max` times per selection set (inline fragments and fragments expanded): repeating a
 * field adds no data, and graphql-js compares repeated fields pairwise while validating.
 */
export function maxRepeatedFieldRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let reported = false;
    const count = (set: SelectionSetNode, seen: Set<string>, counts: Map<string, number>): void => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const key = sel.alias?.value ?? sel.name.value;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          count(sel.selectionSet, seen, counts);
        } else if (!seen.has(sel.name.value)) {
          seen.add(sel.name.value);
          const fragment = context.getFragment(sel.name.value);
          if (fragment) count(fragment.selectionSet, seen, counts);
        }
      }
    };
    return {
      SelectionSet(node) {
        if (reported) return false;
        const counts = new Map<string, number>();
        count(node, new Set(), counts);
        for (const [key, n] of counts) {
          if (n > max) {
            reported = true;
            context.reportError(new GraphQLError(`Repeated field limit of ${max} exceeded: "${key}" appears ${n} times in one selection.`, { nodes: [node] }));
            return false;
          }
        }
        return undefined;
      },
    };
  };
}

/** At most `max` root fields per operation (aliases and fragments included): armor has no such rule. */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const count = (set: SelectionSetNode, seen: Set<string>): number => {
      let n = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) n += 1;
        else if (sel.kind === Kind.INLINE_FRAGMENT) n += count(sel.selectionSet, seen);
        else if (!seen.has(sel.name.value)) {
          seen.add(sel.name.value);
          const fragment = context.getFragment(sel.name.value);
          if (fragment) n += count(fragment.selectionSet, seen);
        }
      }
      return n;
    };
    return {
      OperationDefinition(node) {
        const found = count(node.selectionSet, new Set());
        if (found > max) {
          context.reportError(new GraphQLError(`Root fields limit of ${max} exceeded, found ${found}.`, { nodes: [node] }));
        }
      },
    };
  };
}

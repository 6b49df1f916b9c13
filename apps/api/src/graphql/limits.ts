import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { ApiConfig } from '../env';

type Limits = Pick<ApiConfig, 'maxQueryDepth' | 'maxQueryAliases' | 'maxQueryDirectives' | 'maxQueryRootFields' | 'maxQueryTokens'>;

/**
 * Shape limits, refused while parsing (tokens: graphql-js's own `maxTokens` parse option, no second parse) or
 * validating (graphql-armor's max-aliases, max-depth, max-directives; the root-field rule below), i.e. before
 * any resolver runs and before the cost is computed. Armor's cost-limit is off: it weighs every field alike and
 * reads only literal `first` values; the cost of the work behind fields is `cost.ts`, run with the variables.
 * Armor's block-field-suggestions is off: it misses "Did you mean the enum value …?" and variable-coercion
 * errors; production strips every suggestion in `formatError` instead.
 */
export function operationLimits(limits: Limits): { parseOptions: { maxTokens: number }; validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  const armor = new ApolloArmor({
    // __typename is counted too: 100,000 `a: __typename` aliases are as much work to parse and answer as any.
    maxAliases: { n: limits.maxQueryAliases, allowList: [] },
    maxDepth: { n: limits.maxQueryDepth },
    maxDirectives: { n: limits.maxQueryDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxQueryTokens },
    validationRules: [...armor.validationRules, maxRootFieldsRule(limits.maxQueryRootFields)],
    plugins: armor.plugins,
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

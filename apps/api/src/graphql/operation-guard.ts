import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from './resolver-context';
import { costTooHigh, operationCost } from './cost';
import { toGraphQLError } from './errors';
import { OperationFields } from './operation-fields';
import { readModelViolation } from './read-model';

/**
 * Checks that need the request's variables and the caller, after validation and before execution: the cost of
 * the work behind the operation, then the read model. A refusal here runs no resolver.
 */
export function operationGuardPlugin(maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          if (!ctx.operation) return;
          const fields = OperationFields.of(ctx.schema, ctx.document, ctx.operation, ctx.request.variables);
          if (!fields) return;
          const cost = operationCost(fields);
          if (cost > maxCost) throw costTooHigh(cost, maxCost);
          const refused = readModelViolation(fields, ctx.contextValue.viewer);
          if (refused) throw toGraphQLError(refused);
        },
      };
    },
  };
}

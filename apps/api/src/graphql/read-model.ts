import { getNamedType, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { authOf, type Access } from './directives';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors';
import type { FieldVisit, OperationFields } from './operation-fields';

/**
 * The read model, enforced here only: what a field needs is the strongest `@auth(requires:)` on the field, the
 * type it belongs to, the type it returns, and each argument given a non-null value. Checked on the whole
 * operation before anything runs, so a refused request reads and writes nothing.
 */
export function requiredAccess(schema: GraphQLSchema, visit: FieldVisit, args: Record<string, unknown>): { access: Access; coordinate: string } | undefined {
  const coordinate = `${visit.parent.name}.${visit.def.name}`;
  let access: Access | undefined;
  let where = coordinate;
  const consider = (a: Access | undefined, at: string) => {
    if (a === 'ADMIN' && access !== 'ADMIN') [access, where] = ['ADMIN', at];
    else if (a === 'KEY' && access === undefined) [access, where] = ['KEY', at];
  };
  consider(authOf(schema, visit.def), coordinate);
  consider(authOf(schema, visit.parent), coordinate);
  consider(authOf(schema, getNamedType(visit.def.type)), coordinate);
  for (const arg of visit.def.args) {
    if (args[arg.name] !== undefined && args[arg.name] !== null) consider(authOf(schema, arg), `${coordinate}(${arg.name}:)`);
  }
  return access ? { access, coordinate: where } : undefined;
}

function allowed(viewer: Viewer, access: Access): boolean {
  return viewer.role === 'ADMIN' || (access === 'KEY' && viewer.role === 'BOT');
}

type Refusal = UnauthenticatedError | ForbiddenError;

function refusal(viewer: Viewer, access: Access, coordinate: string): Refusal {
  if (access === 'ADMIN') {
    return viewer.role === 'ANONYMOUS'
      ? new UnauthenticatedError(`${coordinate} needs an ADMIN API key`, coordinate)
      : new ForbiddenError(`${coordinate} needs an ADMIN API key; this key's role is ${viewer.role}`, coordinate);
  }
  return new UnauthenticatedError(
    `${coordinate} needs an API key (BOT or ADMIN): anonymous callers may read openings' public fields and recommendOpenings(profile:)`,
    coordinate,
  );
}

/** The first field of the operation the viewer may not run, as UNAUTHENTICATED / FORBIDDEN; undefined when all are allowed. */
export function readModelViolation(fields: OperationFields, viewer: Viewer): Refusal | undefined {
  if (viewer.role === 'ADMIN') return undefined;
  const root = fields.rootType();
  if (!root) return undefined;
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType): Refusal | undefined => {
    for (const visit of fields.fields(set, parent)) {
      const need = requiredAccess(fields.schema, visit, fields.args(visit));
      if (need && !allowed(viewer, need.access)) return refusal(viewer, need.access, need.coordinate);
      if (visit.node.selectionSet) {
        const inner = walk(visit.node.selectionSet, getNamedType(visit.def.type));
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(fields.operation.selectionSet, root);
}

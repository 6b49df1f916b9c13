import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildASTSchema,
  concatAST,
  getOperationAST,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../src/env';
import { operationCost } from '../src/graphql/cost';
import { OperationFields } from '../src/graphql/operation-fields';
import { loadTypeDefs } from '../src/graphql/schema';
import { placeholder } from './support/placeholder';

const schema = buildASTSchema(concatAST(loadTypeDefs()));
const MAX = testConfig().maxQueryCost;

function cost(query: string, variables: Record<string, unknown> = {}, document: DocumentNode = parse(query), operation?: OperationDefinitionNode): number {
  const op = operation ?? getOperationAST(document)!;
  const fields = OperationFields.of(schema, document, op, variables);
  if (!fields) throw new Error('variables do not coerce');
  return operationCost(fields);
}


const PROFILE = '{ region: "서울", experienceYears: 2, stacks: ["Java"] }';
const DEEP = 'edges { node { id applications { id member { id applications { id opening { id title } } } } } }';

describe('cost of the work behind an operation', () => {
  it('an omitted `first` costs the schema default (openings: 20), not a guess', () => {
    const omitted = cost(`{ openings { ${DEEP} } }`);
    expect(omitted).toBe(cost(`{ openings(first: 20) { ${DEEP} } }`));
    expect(omitted).toBeGreaterThan(cost(`{ openings(first: 10) { ${DEEP} } }`));
  });

  it('a variable default costs what it runs: the same as the literal, and a sent value overrides it', () => {
    const literal = cost(`{ openings(first: 100) { ${DEEP} } }`);
    expect(literal).toBeGreaterThan(MAX);
    expect(cost(`query($f: Int = 100) { openings(first: $f) { ${DEEP} } }`)).toBe(literal);
    expect(cost(`query($f: Int = 100) { openings(first: $f) { ${DEEP} } }`, { f: 2 })).toBe(cost(`{ openings(first: 2) { ${DEEP} } }`));
    expect(cost(`query($f: Int) { openings(first: $f) { ${DEEP} } }`, { f: 100 })).toBe(literal);
  });

  it('list sizes multiply the cost of their children; a connection`s first sizes its edges', () => {
    const one = cost(`{ openings(first: 1) { edges { node { id title } } } }`);
    const fifty = cost(`{ openings(first: 50) { edges { node { id title } } } }`);
    // openings + edges (1 each) + first × (node + id + title)
    expect(one).toBe(2 + 1 * 3);
    expect(fifty).toBe(2 + 50 * 3);
    expect(cost(`{ recommendOpenings(profile: ${PROFILE}, first: 100) { score } }`) - cost(`{ recommendOpenings(profile: ${PROFILE}, first: 1) { score } }`)).toBe(99);
  });

  it('nearest-neighbour searches, team proposals and formations are expensive: more than a handful is refused', () => {
    const search = cost(`{ recommendOpenings(profile: ${PROFILE}, first: 1) { score } }`);
    expect(search).toBeGreaterThanOrEqual(2500);
    expect(cost(`{ recommendMembers(openingId: "o", first: 1) { score } }`)).toBeGreaterThanOrEqual(2500);
    expect(cost(`{ proposeTeam(openingId: "o") { totalScore } }`)).toBeGreaterThanOrEqual(5000);
    expect(cost(`{ formTeams(kind: PROJECT, memberIds: ["m"]) { totalScore } }`)).toBeGreaterThanOrEqual(10000);
    const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    expect(cost(aliased(3, `recommendOpenings(profile: ${PROFILE}, first: 10) { score }`))).toBeLessThanOrEqual(MAX);
    expect(cost(aliased(8, `recommendOpenings(profile: ${PROFILE}, first: 1) { score }`))).toBeGreaterThan(MAX);
    expect(cost(aliased(4, `proposeTeam(openingId: "o") { totalScore }`))).toBeGreaterThan(MAX);
    expect(cost(aliased(2, `formTeams(kind: PROJECT, memberIds: ["m"]) { totalScore }`))).toBeGreaterThan(MAX);
    expect(cost(aliased(2000, `recommendOpenings(profile: ${PROFILE}) { score }`))).toBeGreaterThan(2000 * 2500);
  });

  it('fragments count like inline selections; nested repeated fragments stay cheap to cost', () => {
    expect(cost(`{ openings(first: 5) { ...E } } fragment E on OpeningConnection { edges { node { id } } }`)).toBe(cost(`{ openings(first: 5) { edges { node { id } } } }`));
    // 12 levels of a fragment spreading the next one on two fields: 2^12 paths, finite and fast.
    const levels = 12;
    const frags = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Opening { id }` : `fragment F${i} on Opening { applications { opening { ...F${i + 1} } member { applications { opening { ...F${i + 1} } } } } }`,
    ).join('\n');
    const started = performance.now();
    const c = cost(`{ opening(id: "o") { ...F0 } } ${frags}`);
    expect(c).toBeGreaterThan(MAX);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('every operation the bot and the admin console send fits the default limit, at the largest page size', () => {
    const botDir = join(import.meta.dirname, '../../bot/src/api/operations');
    const bot = concatAST(readdirSync(botDir).filter((f) => f.endsWith('.graphql')).map((f) => parse(readFileSync(join(botDir, f), 'utf8'))));
    const adminDir = join(import.meta.dirname, '../../admin/src/web/operations');
    const adminFiles = readdirSync(adminDir).filter((f) => f.endsWith('.graphql'));
    expect(adminFiles.length).toBeGreaterThan(0);
    // Their operations spread fragments from fragments.graphql, so the files are read as one document, like the bot's.
    const admin = concatAST(adminFiles.map((f) => parse(readFileSync(join(adminDir, f), 'utf8'))));
    const checked: Record<string, number> = {};
    for (const document of [bot, admin]) {
      for (const def of document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        const variables: Record<string, unknown> = {};
        for (const v of def.variableDefinitions ?? []) {
          const type = typeFromAST(schema, v.type as never) as GraphQLInputType;
          if (v.variable.name.value === 'first') variables.first = 100;
          else if (isNonNullType(type)) variables[v.variable.name.value] = placeholder(type);
        }
        const found = cost('', variables, document, def);
        checked[def.name!.value] = found;
        expect(found, def.name!.value).toBeLessThanOrEqual(MAX);
      }
    }
    expect(Object.keys(checked).length).toBeGreaterThanOrEqual(15);
    console.log('[cost] client operations at first = 100:', JSON.stringify(checked));
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import type { Resolvers } from '../generated/graphql';
import { apiKeyResolvers } from '../modules/api-keys/resolvers';
import { applicationResolvers } from '../modules/applications/resolvers';
import { embeddingResolvers } from '../modules/embedding/resolvers';
import { importResolvers } from '../modules/imports/resolvers';
import { memberResolvers } from '../modules/members/resolvers';
import { openingResolvers } from '../modules/openings/resolvers';
import { recommendationResolvers } from '../modules/recommendations/resolvers';
import { systemResolvers } from '../modules/system/resolvers';
import { teamResolvers } from '../modules/teams/resolvers';
import { teamLoopResolvers } from '../modules/team-loop/resolvers';

export const MODULES_DIR = join(import.meta.dirname, '../modules');

/** Every module's .graphql file, parsed (the same files codegen reads). */
export function loadTypeDefs(): DocumentNode[] {
  return readdirSync(MODULES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => parse(readFileSync(join(MODULES_DIR, f), 'utf8')));
}

export const resolvers: Resolvers[] = [
  systemResolvers,
  memberResolvers,
  openingResolvers,
  recommendationResolvers,
  applicationResolvers,
  teamResolvers,
  teamLoopResolvers,
  importResolvers,
  apiKeyResolvers,
  embeddingResolvers,
];

import type { Logger } from 'pino';
import type { Services } from '../service-container';
import { demoMembers, demoOpenings } from './demo-data';

/** First start only: loads the demo openings and members when the database has no openings at all. */
export async function loadDemoData(services: Services, log: Logger): Promise<boolean> {
  const { prisma } = services.deps.db;
  if ((await prisma.opening.count()) > 0) return false;
  const openings = demoOpenings();
  const members = demoMembers();
  log.info({ openings: openings.length, members: members.length }, 'empty database: loading the demo data set');
  const report = await services.imports.importInputs(openings, true);
  log.info({ created: report.created, failed: report.failed.length }, 'demo openings loaded');
  for (let i = 0; i < members.length; i += 25) {
    await Promise.all(members.slice(i, i + 25).map((m) => services.members.upsert(m)));
    log.info({ loaded: Math.min(i + 25, members.length), total: members.length }, 'demo members loading');
  }
  return true;
}

// turbo runs tasks in strict env mode: a variable that turbo.json does not pass through never reaches
// `pnpm start`, `pnpm test` or `pnpm bench`. Every variable of every env.ts schema must be passed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const turbo = JSON.parse(readFileSync(`${root}/turbo.json`, 'utf8')) as {
  globalPassThroughEnv?: string[];
  globalEnv?: string[];
  tasks: Record<string, { env?: string[]; passThroughEnv?: string[] }>;
};

/** turbo's env patterns: exact names, or a prefix ending in `*`. */
function passedByTurbo(name: string): boolean {
  const patterns = [
    ...(turbo.globalPassThroughEnv ?? []),
    ...(turbo.globalEnv ?? []),
    ...Object.values(turbo.tasks).flatMap((task) => [...(task.env ?? []), ...(task.passThroughEnv ?? [])]),
  ];
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

const envFiles = ['apps', 'packages'].flatMap((dir) =>
  readdirSync(`${root}/${dir}`)
    .map((name) => `${dir}/${name}/src/env.ts`)
    .filter((file) => existsSync(`${root}/${file}`)),
);

describe('turbo passes every env.ts variable through', () => {
  it('finds the env schemas', () => {
    expect(envFiles).toEqual(expect.arrayContaining(['apps/api/src/env.ts', 'apps/bot/src/env.ts']));
  });

  it.each(envFiles)('%s', async (file) => {
    const { envSchema } = (await import(`${root}/${file}`)) as { envSchema?: { shape: Record<string, unknown> } };
    expect(envSchema, `${file} must export its zod schema as envSchema`).toBeDefined();
    const names = Object.keys(envSchema!.shape);
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((name) => !passedByTurbo(name))).toEqual([]);
  });

  it('does not pass everything (the check can fail)', () => {
    expect(passedByTurbo('SOME_UNLISTED_VARIABLE')).toBe(false);
  });
});

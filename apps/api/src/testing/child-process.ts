import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@moim/db/testing';
import { createBotKey, graphqlOver, randomKey, type Gql } from './graphql';

const thisApiDir = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnOptions {
  /**
   * `fresh` (default): a new database on the test server, dropped on close; `{ url }`: that database, kept;
   * `{ pgliteDir }`: embedded PGlite in that directory, as `pnpm start` without DATABASE_URL.
   */
  database?: 'fresh' | { url: string } | { pgliteDir: string };
  /** Environment on top of the harness's own (see spawnApi). */
  env?: Record<string, string>;
  /** Start from PATH and HOME only instead of this process's environment, as on a fresh machine. */
  cleanEnv?: boolean;
  /** Also copy the API's output to this process's stderr (it is always collected in `output`). */
  echo?: boolean;
  readyTimeoutMs?: number;
  /** The apps/api folder to run (default: this one); another commit's checkout, to compare the two. */
  apiDir?: string;
}

export interface ChildApi {
  child: ChildProcess;
  url: string;
  adminKey: string;
  botKey: string;
  /** The bearer token of /metrics (the child runs in production, where /metrics needs one). */
  metricsToken: string;
  /** The fresh database, when `database` was `fresh`. */
  db: TestDatabase | undefined;
  gql: Gql;
  /** Everything the API printed so far, stdout and stderr. */
  readonly output: string;
  /** stdout's lines that are JSON log entries (LOG_FORMAT=json). */
  readonly logs: Record<string, unknown>[];
  /** SIGTERM (SIGKILL after 20 s), then drops the fresh database. The exit code is then `child.exitCode`. */
  close(): Promise<void>;
}

/** A port nothing listens on now (the API is told it up front, so readiness can be polled at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The real API as its own process (`src/main.ts` under tsx, as `pnpm start` runs it), so that a load tool or a
 * fault does not share its event loop; resolves once /readyz answers 200. It runs with NODE_ENV=production,
 * JSON logs at LOG_LEVEL=warn, rate limits off (also /readyz's), no demo data, an admin key, a metrics token and a
 * BOT key made through createApiKey; `env` overrides any of these.
 */
export async function spawnApi(options: SpawnOptions = {}): Promise<ChildApi> {
  const database = options.database ?? 'fresh';
  let db: TestDatabase | undefined;
  let databaseEnv: Record<string, string>;
  if (database === 'fresh') {
    db = await createTestDatabase();
    databaseEnv = { DATABASE_URL: db.databaseUrl };
  } else if ('url' in database) {
    databaseEnv = { DATABASE_URL: database.url };
  } else {
    databaseEnv = { MOIM_DATA_DIR: database.pgliteDir };
  }
  const port = await freePort();
  const adminKey = options.env?.MOIM_ADMIN_KEY ?? randomKey('test-admin');
  const metricsToken = options.env?.METRICS_TOKEN ?? randomKey('test-metrics');
  const base: NodeJS.ProcessEnv = options.cleanEnv ? { PATH: process.env.PATH, HOME: process.env.HOME } : { ...process.env };
  delete base.DATABASE_URL; // the test server's, set by resolveTestServerUrl; the database is chosen below
  const apiDir = options.apiDir ?? thisApiDir;
  const child = spawn(process.execPath, ['--import', 'tsx', join(apiDir, 'src/main.ts')], {
    cwd: apiDir,
    env: {
      ...base,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PORT: String(port),
      HOST: '127.0.0.1',
      MOIM_DEMO_DATA: 'false',
      RATE_LIMIT_PER_MINUTE_IP: '0',
      RATE_LIMIT_PER_MINUTE_KEY: '0',
      RATE_LIMIT_READYZ_PER_MINUTE_IP: '0',
      ...databaseEnv,
      ...options.env,
      MOIM_ADMIN_KEY: adminKey,
      METRICS_TOKEN: metricsToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  const logs: Record<string, unknown>[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (options.echo) process.stderr.write(text);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log entry
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (options.echo) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if ((await Promise.race([exited.then(() => 'exited'), sleep(20_000)])) !== 'exited') child.kill('SIGKILL');
    }
    await exited;
    await db?.close();
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} before it was ready:\n${output}`);
      try {
        if ((await fetch(`${url}/readyz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the API was not ready after ${options.readyTimeoutMs ?? 180_000} ms:\n${output}`);
      await sleep(200);
    }
    const gql = graphqlOver(url);
    const botKey = await createBotKey(gql, adminKey);
    return {
      child,
      url,
      adminKey,
      botKey,
      metricsToken,
      db,
      gql,
      get output() {
        return output;
      },
      logs,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

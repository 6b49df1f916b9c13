import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  /** Resolves when the process has exited (by itself, SIGTERM or SIGKILL). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; released just before the API binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `pnpm start`'s API as its own process (src/main.ts), on a given PostgreSQL, ready when /readyz is 200. */
export async function startApiProcess(options: { databaseUrl: string; adminKey: string; env?: Record<string, string> }): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      MOIM_ADMIN_KEY: options.adminKey,
      MOIM_DEMO_DATA: 'false',
      DB_POOL_SIZE: '6',
      MOIM_EMBED_THREADS: '1',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode} before it was ready`);
      try {
        if ((await fetch(`${base}/readyz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 180_000) throw new Error('API did not become ready within 180 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, child, exited, stop };
}

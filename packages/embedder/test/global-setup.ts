import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./fixtures/make-fixtures.sh', import.meta.url));

/** Generates the random-weight fixture models (PyTorch reference vectors included) when missing or stale. */
export default function setup(): void {
  try {
    // flock: the fixture script wipes and rewrites its output; concurrent runs must not interleave.
    execFileSync('flock', ['/tmp/moim-embedder-fixtures.lock', 'bash', script], { stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(
      `Could not generate the embedder test fixtures with ${script}. They need /usr/bin/python3 with torch ` +
        `(Debian packages python3-torch python3-numpy). Output:\n${stderr}`,
    );
  }
}

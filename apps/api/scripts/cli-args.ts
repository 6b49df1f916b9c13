import { parseArgs } from 'node:util';

/** `--name value` flags for the CLI scripts; unknown flags are an error naming them. */
export function flags<T extends Record<string, { type: 'string' | 'boolean' }>>(options: T) {
  try {
    return parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options, strict: true }).values;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

import { readFile } from 'node:fs/promises';
import { EmbedderLoadError } from './errors';

/** Reads a JSON file, turning "missing" and "not JSON" into an EmbedderLoadError that names the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'file is missing' : `cannot be read (${code ?? String(error)})`;
    throw new EmbedderLoadError(path, problem, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EmbedderLoadError(path, `malformed JSON (${(error as Error).message})`, { cause: error });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON file must hold an object; returns it or throws naming the file. */
export async function readJsonObject(path: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path);
  if (!isRecord(value)) throw new EmbedderLoadError(path, `expected a JSON object, got ${describe(value)}`);
  return value;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `${typeof value} ${JSON.stringify(value)}`;
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

/** "<model dir name>@<first 12 hex chars of sha256(onnx file)>": a retrained model gets a new id. */
export async function computeModelId(modelDir: string, onnxPath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(onnxPath)) hash.update(chunk as Buffer);
  return `${basename(modelDir.replace(/[\\/]+$/, ''))}@${hash.digest('hex').slice(0, 12)}`;
}

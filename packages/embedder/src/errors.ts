/** A model directory that cannot be used: names the file and what is wrong with it. */
export class EmbedderLoadError extends Error {
  override readonly name = 'EmbedderLoadError';
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
  }
}

/** Work submitted to (or still queued in) an embedder that has been closed. */
export class EmbedderClosedError extends Error {
  override readonly name = 'EmbedderClosedError';
}

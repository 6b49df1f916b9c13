// Who is calling: resolved from the API key before anything runs (auth/api-keys.ts, http/guards.ts) and checked
// against the read model. Imports nothing, so every layer can name the caller.

export type ViewerRole = 'ANONYMOUS' | 'BOT' | 'ADMIN';

export interface Viewer {
  role: ViewerRole;
  keyId: string | null;
  keyName: string | null;
}

export const ANONYMOUS: Viewer = { role: 'ANONYMOUS', keyId: null, keyName: null };

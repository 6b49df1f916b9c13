import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface TestKeys {
  publicHex: string;
  privateKey: KeyObject;
}

export function generateTestKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicHex: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'), privateKey };
}

/** Headers Discord would send: an Ed25519 signature over timestamp + raw body. */
export function signedHeaders(keys: TestKeys, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const ts = String(timestamp);
  const signature = sign(null, Buffer.concat([Buffer.from(ts), Buffer.from(body)]), keys.privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': ts };
}

export const APPLICATION_ID = '900000000000000001';

let interactions = 0;

/** A slash command as Discord sends it; each call is a new interaction (its own id), as each real one is. */
export function rawCommand(name: string, options: unknown[], token = 'interaction-token-1', locale = 'ko') {
  interactions += 1;
  return {
    id: String(910000000000000000n + BigInt(interactions)),
    application_id: APPLICATION_ID,
    type: 2,
    token,
    version: 1,
    locale,
    guild_id: '920000000000000001',
    channel_id: '950000000000000001',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    member: { user: { id: '930000000000000001', username: 'tester', global_name: '테스터', discriminator: '0', avatar: null } },
    data: { id: '940000000000000001', name, type: 1, options },
  };
}

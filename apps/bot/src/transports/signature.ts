import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hex characters (32 bytes)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Verifies Discord's X-Signature-Ed25519 over timestamp + raw body, rejecting timestamps older or newer than 5 minutes. */
export function verifyDiscordSignature(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  rawBody: Buffer,
  nowSeconds = Date.now() / 1000,
): SignatureCheck {
  if (!signatureHex || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return { ok: false, reason: 'missing or malformed signature' };
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  const valid = verify(null, message, key, Buffer.from(signatureHex, 'hex'));
  return valid ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

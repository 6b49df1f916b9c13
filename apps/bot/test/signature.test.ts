import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyFromHex, verifyDiscordSignature } from '../src/transports/signature';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const rawPublic = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { publicHex: rawPublic.toString('hex'), privateKey };
}

describe('verifyDiscordSignature', () => {
  const { publicHex, privateKey } = keyPair();
  const key = publicKeyFromHex(publicHex);
  const body = Buffer.from('{"type":1}');
  const now = 1_800_000_000;
  const timestamp = String(now);
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');

  it('accepts a fresh signature over timestamp + raw body', () => {
    expect(verifyDiscordSignature(key, signature, timestamp, body, now + 10)).toEqual({ ok: true });
  });
  it('rejects a signature over a different body', () => {
    expect(verifyDiscordSignature(key, signature, timestamp, Buffer.from('{"type":2}'), now)).toMatchObject({ ok: false, reason: 'signature does not match' });
  });
  it('rejects a signature made with another key', () => {
    const other = keyPair();
    const forged = sign(null, Buffer.concat([Buffer.from(timestamp), body]), other.privateKey).toString('hex');
    expect(verifyDiscordSignature(key, forged, timestamp, body, now).ok).toBe(false);
  });
  it('rejects timestamps more than five minutes away', () => {
    expect(verifyDiscordSignature(key, signature, timestamp, body, now + 301)).toMatchObject({ ok: false, reason: 'stale timestamp' });
    expect(verifyDiscordSignature(key, signature, timestamp, body, now - 301)).toMatchObject({ ok: false, reason: 'stale timestamp' });
  });
  it('rejects missing or malformed headers', () => {
    expect(verifyDiscordSignature(key, undefined, timestamp, body, now).ok).toBe(false);
    expect(verifyDiscordSignature(key, 'zz', timestamp, body, now).ok).toBe(false);
    expect(verifyDiscordSignature(key, signature, undefined, body, now).ok).toBe(false);
  });
  it('refuses a public key that is not 32 hex bytes', () => {
    expect(() => publicKeyFromHex('abc')).toThrow(/64 hex/);
  });
});

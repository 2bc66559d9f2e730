import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { parseKeyring } from '../../config/keyring';
import {
  decryptPayload,
  ENCRYPTED_ENCODING,
  encryptionCodec,
  encryptPayload,
  KEY_ID_METADATA,
} from '../../temporal/payload-encryption';

const ring = (text: string) => parseKeyring(text, 'LADDER_PAYLOAD_KEYS', { bytes: 32 });
const b64 = (fill: string) => Buffer.alloc(32, fill).toString('base64');
const k1 = ring(`k1:${b64('a')}`);
const rotated = ring(`k2:${b64('b')},k1:${b64('a')}`);
const customer = { customer: { name: '刘先生', phone: '13812345678' }, vehicle: { plate: '沪A12345' } };
const plain = (): Payload => defaultPayloadConverter.toPayload(customer)!;
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('utf8');
const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString();

describe('payload encryption (AES-256-GCM, key id in the metadata)', () => {
  it('round-trips a payload, metadata included, and leaves none of its text readable', async () => {
    const codec = encryptionCodec(k1);
    const [sealed] = await codec.encode([plain()]);
    expect(meta(sealed!, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(meta(sealed!, KEY_ID_METADATA)).toBe('k1');
    for (const clear of ['13812345678', '刘先生', '沪A12345', 'json/plain'])
      expect(Buffer.from(sealed!.data!).includes(Buffer.from(clear))).toBe(false);
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(customer);
    expect(meta(opened!, 'encoding')).toBe('json/plain');
  });

  it('encrypts the same payload differently each time (a fresh IV), so equal inputs cannot be matched', () => {
    expect(Buffer.from(encryptPayload(k1, plain()).data!).equals(Buffer.from(encryptPayload(k1, plain()).data!))).toBe(
      false,
    );
  });

  it('after a rotation encrypts under the new key and still decrypts what the old one wrote', () => {
    const old = encryptPayload(k1, plain());
    const fresh = encryptPayload(rotated, plain());
    expect(meta(fresh, KEY_ID_METADATA)).toBe('k2');
    expect(defaultPayloadConverter.fromPayload(decryptPayload(rotated, old))).toEqual(customer);
    expect(defaultPayloadConverter.fromPayload(decryptPayload(rotated, fresh))).toEqual(customer);
  });

  it('fails loudly, naming the key id, on a payload under a key it does not hold', () => {
    const fresh = encryptPayload(rotated, plain());
    expect(() => decryptPayload(k1, fresh)).toThrow(
      /key id "k2", which is not among the configured payload keys \(LADDER_PAYLOAD_KEYS: k1\)/,
    );
  });

  it('refuses a tampered payload, a relabelled key id and a truncated one', () => {
    const sealed = encryptPayload(k1, plain());
    const flipped = Buffer.from(sealed.data!);
    flipped[20] = flipped[20]! ^ 1;
    expect(() => decryptPayload(k1, { ...sealed, data: flipped })).toThrow(/failed authentication/);
    // The same bytes claimed for another key of ours: the key id is authenticated too.
    const both = ring(`k1:${b64('a')},k9:${b64('a')}`);
    expect(() =>
      decryptPayload(both, { ...sealed, metadata: { ...sealed.metadata, [KEY_ID_METADATA]: Buffer.from('k9') } }),
    ).toThrow(/failed authentication/);
    expect(() => decryptPayload(k1, { ...sealed, data: Buffer.from(sealed.data!).subarray(0, 10) })).toThrow(
      /truncated/,
    );
  });

  it('passes a payload written before encryption through untouched, so old histories stay readable', async () => {
    const old = plain();
    const [decoded] = await encryptionCodec(k1).decode([old]);
    expect(decoded).toBe(old);
    expect(text(decoded!)).toContain('13812345678');
  });
});

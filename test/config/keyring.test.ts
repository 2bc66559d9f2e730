import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKeyring, parseKeyring } from '../../config/keyring';

const b64 = (fill: string, bytes = 32) => Buffer.alloc(bytes, fill).toString('base64');

describe('keyrings: keys named by id, the first one in use, every one still readable', () => {
  it('uses the first key and keeps the older ones, so a rotation never loses what they wrote', () => {
    const ring = parseKeyring(`k2:${b64('b')}, k1:${b64('a')}`, 'LADDER_PAYLOAD_KEYS', { bytes: 32 });
    expect(ring.current.id).toBe('k2');
    expect([...ring.byId.keys()]).toEqual(['k2', 'k1']);
    expect(ring.byId.get('k1')).toEqual(Buffer.alloc(32, 'a'));
    // One a line, as the key file holds them, with comments.
    expect(parseKeyring(`# rotated in March\nk3:${b64('c')}\nk2:${b64('b')}\n`, 'file').current.id).toBe('k3');
  });

  it('refuses a key of the wrong length, a missing id, a repeated id or an empty list, naming the setting', () => {
    expect(() => parseKeyring(`k1:${b64('a', 16)}`, 'LADDER_PAYLOAD_KEYS', { bytes: 32 })).toThrow(
      /LADDER_PAYLOAD_KEYS: key k1 is 16 bytes; expected 32/,
    );
    expect(() => parseKeyring(b64('a'), 'LADDER_PAYLOAD_KEYS')).toThrow(/not "id:<base64>"/);
    expect(() => parseKeyring(`k1:${b64('a')},k1:${b64('b')}`, 'LADDER_ACTOR_KEYS')).toThrow(/k1 is listed twice/);
    expect(() => parseKeyring(' , ', 'LADDER_ACTOR_KEYS')).toThrow(/no keys/);
    expect(() => parseKeyring(`k1:${b64('a', 8)}`, 'LADDER_ACTOR_KEYS', { minBytes: 32 })).toThrow(/at least 32/);
  });

  it('makes the key file once, owner-only, and every later load reads the same keys', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-keys-'));
    try {
      const file = path.join(dir, 'data', 'payload-keys');
      const first = loadKeyring({ file, what: 'payload keys', bytes: 32 });
      const again = loadKeyring({ file, what: 'payload keys', bytes: 32 });
      expect(again.current.key).toEqual(first.current.key);
      expect(first.current.id).toBe('k1');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toMatch(/^k1:[A-Za-z0-9+/]{43}=\n$/);
      // The variable wins over the file.
      expect(loadKeyring({ value: `env:${b64('e')}`, file, what: 'payload keys' }).current.id).toBe('env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

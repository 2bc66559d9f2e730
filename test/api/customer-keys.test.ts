import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { customerKeyer, loadLookupKey, looksLikePhone, normaliseName, normalisePhone } from '../../api/customer-keys';

const keys = customerKeyer(Buffer.from('a lookup key of at least 32 bytes!'));

describe('customer keys: finding a customer by phone or name without storing either', () => {
  it('reads a phone however staff type it: digits only, and +86 dropped from a 13-digit number', () => {
    for (const typed of [
      '13800138000',
      '138-0013-8000',
      '138 0013 8000',
      '+86 138 0013 8000',
      '86-13800138000',
      '(138) 0013.8000',
    ]) {
      expect(normalisePhone(typed)).toBe('13800138000');
    }
    // A 12-digit number that happens to start with 86 is left alone.
    expect(normalisePhone('861234567890')).toBe('861234567890');
  });

  it('reads a name in any width, case or spacing as the same name', () => {
    expect(normaliseName('  Liu   Xiansheng ')).toBe('liu xiansheng');
    expect(normaliseName('ＬＩＵ\u3000Xiansheng')).toBe('liu xiansheng');
    expect(normaliseName('刘先生')).toBe('刘先生');
  });

  it('hashes to "phone:" and "name:" and 32 hex digits, the same for the same customer', () => {
    expect(keys.of({ name: '刘先生', phone: '13800138000' })).toEqual([
      expect.stringMatching(/^phone:[0-9a-f]{32}$/),
      expect.stringMatching(/^name:[0-9a-f]{32}$/),
    ]);
    expect(keys.phone('+86 138-0013-8000')).toBe(keys.phone('13800138000'));
    expect(keys.name('Liu  XIANSHENG')).toBe(keys.name('liu xiansheng'));
    expect(keys.phone('13800138000')).not.toContain('13800138000');
  });

  it('depends on the secret, and never makes a name match a phone with the same digits', () => {
    const other = customerKeyer(Buffer.from('another lookup key of 32 bytes!!!'));
    expect(other.phone('13800138000')).not.toBe(keys.phone('13800138000'));
    expect(keys.name('13800138000').slice(5)).not.toBe(keys.phone('13800138000').slice(6));
    expect(() => customerKeyer(Buffer.from('short'))).toThrow(/32 bytes/);
  });

  it('treats text as a phone only when it is digits and phone punctuation, 7 to 20 digits', () => {
    expect(looksLikePhone('138-0013-8000')).toBe(true);
    expect(looksLikePhone('+86 138 0013 8000')).toBe(true);
    expect(looksLikePhone('沪A12345')).toBe(false);
    expect(looksLikePhone('12345')).toBe(false);
  });

  it('keeps the lookup key in an owner-only file made on first start, and reads the same one after', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-lookup-'));
    try {
      const file = path.join(dir, 'data', 'lookup-key');
      const first = loadLookupKey({ file });
      expect(first.toString()).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadLookupKey({ file })).toEqual(first);
      expect(readFileSync(file, 'utf8').trim()).toBe(first.toString());
      expect(loadLookupKey({ key: 'x'.repeat(40), file }).toString()).toBe('x'.repeat(40));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

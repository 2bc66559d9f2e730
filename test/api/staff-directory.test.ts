import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoStaff, DEMO_STAFF } from '../../api/demo-staff';
import {
  addStaff,
  expiryFrom,
  openStaffDirectory,
  readStaffFile,
  revokeStaff,
  StaffDirectoryError,
  tokenStaffId,
} from '../../api/staff-directory';

describe('the staff directory', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-staff-'));
    file = path.join(dir, 'nested', 'staff.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('issues a token once and stores only a salted hash of it, owner-readable only', () => {
    const { token, staff } = addStaff(
      { id: 'cs-007', name: '李客服', role: 'customer_service', dealers: ['SH-PUDONG-01'] },
      file,
    );
    expect(token).toMatch(/^cs-007\.[A-Za-z0-9_-]{43}$/);
    expect(staff).toEqual({ id: 'cs-007', name: '李客服', role: 'customer_service', dealers: ['SH-PUDONG-01'] });
    const text = readFileSync(file, 'utf8');
    const secret = token.split('.')[1]!;
    expect(text).not.toContain(secret);
    const [record] = readStaffFile(file).staff;
    expect(record).toMatchObject({
      id: 'cs-007',
      tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('salts every hash, so two staff never share a hash', () => {
    addStaff({ id: 'a', name: 'A', role: 'advisor', dealers: ['D1'] }, file);
    addStaff({ id: 'b', name: 'B', role: 'advisor', dealers: ['D1'] }, file);
    const [a, b] = readStaffFile(file).staff;
    expect(a!.salt).not.toBe(b!.salt);
    expect(a!.tokenHash).not.toBe(b!.tokenHash);
  });

  it('refuses a duplicate staff id and keeps the first token valid', () => {
    const { token } = addStaff({ id: 'sm-1', name: '张经理', role: 'service_manager', dealers: ['D1'] }, file);
    expect(() => addStaff({ id: 'sm-1', name: 'Someone else', role: 'general_manager', dealers: ['*'] }, file)).toThrow(
      StaffDirectoryError,
    );
    expect(() => addStaff({ id: 'sm-1', name: 'x', role: 'advisor', dealers: ['D1'] }, file)).toThrow(/already exists/);
    expect(openStaffDirectory(file).authenticate(token)?.role).toBe('service_manager');
  });

  it('refuses bad staff input with the field named', () => {
    expect(() => addStaff({ id: 'has space', name: 'x', role: 'advisor', dealers: ['D1'] }, file)).toThrow(/id/);
    expect(() => addStaff({ id: 'ok', name: 'x', role: 'janitor' as never, dealers: ['D1'] }, file)).toThrow(/role/);
    expect(() => addStaff({ id: 'ok', name: 'x', role: 'advisor', dealers: [] }, file)).toThrow(/dealers/);
    expect(() => addStaff({ id: 'ok', name: 'x', role: 'advisor', dealers: ["D1' OR 1=1"] }, file)).toThrow(/dealers/);
  });

  it('authenticates the right token and nothing else', () => {
    const { token } = addStaff({ id: 'gm-1', name: '陈总', role: 'general_manager', dealers: ['*'] }, file);
    const directory = openStaffDirectory(file);
    expect(directory.authenticate(token)).toEqual({
      id: 'gm-1',
      name: '陈总',
      role: 'general_manager',
      dealers: ['*'],
    });
    const [id, secret] = token.split('.') as [string, string];
    for (const wrong of [
      `${id}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`,
      `${id}.`,
      `nobody.${secret}`,
      secret,
      '',
      `${id}.${secret}.x`,
    ]) {
      expect(directory.authenticate(wrong)).toBeNull();
    }
  });

  it('picks up staff added after start-up, and keeps the last good directory if the file turns bad', () => {
    const errors: Error[] = [];
    const directory = openStaffDirectory(file, (e) => errors.push(e));
    expect(directory.size()).toBe(0);
    const { token } = addStaff({ id: 'late', name: 'Late', role: 'advisor', dealers: ['D1'] }, file);
    expect(directory.authenticate(token)?.id).toBe('late');
    writeFileSync(file, '{ not json');
    expect(directory.authenticate(token)?.id).toBe('late');
    expect(errors[0]?.message).toMatch(/not valid JSON/);
  });

  it('fails start-up on an invalid file, naming the bad field', () => {
    writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({
        staff: [{ id: 'x', name: 'x', role: 'boss', dealers: ['D1'], tokenHash: 'ab', salt: 'cd', createdAt: 'now' }],
      }),
    );
    expect(() => openStaffDirectory(path.join(dir, 'bad.json'))).toThrow(/staff\.0\.role/);
  });

  it('loads demo staff once, one per role plus head office, writing each token once', () => {
    const tokens = path.join(dir, 'demo-tokens.txt');
    const first = ensureDemoStaff(file, tokens);
    expect(first.created).toEqual(DEMO_STAFF.map((s) => s.id));
    const second = ensureDemoStaff(file, tokens);
    expect(second).toEqual({ created: [], existing: DEMO_STAFF.map((s) => s.id) });
    const lines = readFileSync(tokens, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(DEMO_STAFF.length);
    expect(statSync(tokens).mode & 0o777).toBe(0o600);
    const directory = openStaffDirectory(file);
    const roles = lines.map((l) => directory.authenticate(l.split(' ')[3]!)?.role);
    expect(new Set(roles)).toEqual(
      new Set(['advisor', 'customer_service', 'service_manager', 'technical_manager', 'general_manager']),
    );
  });

  describe('token expiry and revocation', () => {
    const T0 = Date.parse('2026-03-01T08:00:00.000Z');
    const DAY = 86_400_000;

    it('refuses an expired token with when it expired, once its secret is right, and leaves its holder out of the directory', () => {
      let now = T0;
      const expiresAt = new Date(T0 + 90 * DAY).toISOString();
      const { token } = addStaff({ id: 'temp', name: 'Temp', role: 'advisor', dealers: ['D1'], expiresAt }, file, T0);
      expect(readStaffFile(file).staff[0]?.expiresAt).toBe('2026-05-30T08:00:00.000Z');
      const directory = openStaffDirectory(file, undefined, () => now);
      expect(directory.verify(token)).toMatchObject({ ok: true, member: { id: 'temp' } });
      now = T0 + 90 * DAY;
      expect(directory.verify(token)).toEqual({ ok: false, reason: 'expired', expiredAt: '2026-05-30T08:00:00.000Z' });
      expect(directory.authenticate(token)).toBeNull();
      expect(directory.verify(`temp.${'A'.repeat(43)}`)).toEqual({ ok: false, reason: 'invalid' }); // a guess learns nothing
      expect(directory.find('temp')).toBeNull();
      expect(directory.list()).toEqual([]);
    });

    it('refuses a revoked token from the next request on, read from the changed file', () => {
      const { token } = addStaff({ id: 'leaver', name: 'Leaver', role: 'advisor', dealers: ['D1'] }, file, T0);
      const stays = addStaff({ id: 'stays', name: 'Stays', role: 'advisor', dealers: ['D1'] }, file, T0);
      const directory = openStaffDirectory(file);
      expect(directory.authenticate(token)?.id).toBe('leaver');
      expect(revokeStaff('leaver', file, T0 + DAY)).toEqual({
        staff: expect.objectContaining({ id: 'leaver' }),
        revokedAt: '2026-03-02T08:00:00.000Z',
        already: false,
      });
      expect(directory.verify(token)).toEqual({ ok: false, reason: 'revoked', revokedAt: '2026-03-02T08:00:00.000Z' });
      expect(directory.verify(`leaver.${'A'.repeat(43)}`)).toEqual({ ok: false, reason: 'invalid' });
      expect(directory.authenticate(stays.token)?.id).toBe('stays');
      expect(directory.list().map((m) => m.id)).toEqual(['stays']);
      // Revoking twice changes nothing and says so; an unknown id is an error naming the file.
      expect(revokeStaff('leaver', file, T0 + 2 * DAY)).toMatchObject({
        revokedAt: '2026-03-02T08:00:00.000Z',
        already: true,
      });
      expect(() => revokeStaff('nobody', file)).toThrow(`no staff id nobody in ${file}`);
    });

    it('issues a new token to an id whose token was revoked or has expired, and only then', () => {
      const first = addStaff(
        { id: 'sa-1', name: 'A', role: 'advisor', dealers: ['D1'], expiresAt: new Date(T0 + DAY).toISOString() },
        file,
        T0,
      );
      expect(() => addStaff({ id: 'sa-1', name: 'A', role: 'advisor', dealers: ['D1'] }, file, T0 + 1000)).toThrow(
        /already exists/,
      );
      const renewed = addStaff({ id: 'sa-1', name: 'A', role: 'advisor', dealers: ['D1'] }, file, T0 + DAY);
      expect(renewed.replaced).toBe('expired');
      revokeStaff('sa-1', file, T0 + DAY);
      const again = addStaff({ id: 'sa-1', name: 'A', role: 'service_manager', dealers: ['D1'] }, file, T0 + DAY);
      expect(again.replaced).toBe('revoked');
      const directory = openStaffDirectory(file, undefined, () => T0 + DAY);
      expect(readStaffFile(file).staff).toHaveLength(1);
      expect(directory.authenticate(first.token)).toBeNull();
      expect(directory.authenticate(renewed.token)).toBeNull();
      expect(directory.authenticate(again.token)?.role).toBe('service_manager');
    });

    it('refuses an expiry that has already passed', () => {
      expect(() =>
        addStaff({ id: 'x', name: 'X', role: 'advisor', dealers: ['D1'], expiresAt: '2026-02-28T00:00:00Z' }, file, T0),
      ).toThrow(/already passed/);
      expect(() =>
        addStaff({ id: 'x', name: 'X', role: 'advisor', dealers: ['D1'], expiresAt: 'soon' }, file, T0),
      ).toThrow(/expiresAt/);
    });

    it('reads --expires as a duration from now or an ISO date', () => {
      expect(expiryFrom('90d', T0)).toBe('2026-05-30T08:00:00.000Z');
      expect(expiryFrom('12h', T0)).toBe('2026-03-01T20:00:00.000Z');
      expect(expiryFrom('2026-12-31', T0)).toBe('2026-12-31T00:00:00.000Z');
      expect(expiryFrom('2026-12-31T18:00:00+08:00', T0)).toBe('2026-12-31T10:00:00.000Z');
      for (const bad of ['', 'never', '0d', '31/12/2026', '2026-13-01'])
        expect([bad, expiryFrom(bad, T0)]).toEqual([bad, null]);
    });
  });

  it('writes the file whole, under a lock, leaving neither lock nor temporary file behind', () => {
    addStaff({ id: 'a', name: 'A', role: 'advisor', dealers: ['D1'] }, file);
    revokeStaff('a', file);
    expect(readdirSync(path.dirname(file))).toEqual(['staff.json']);
  });

  it('takes over a lock left by a writer that has died', () => {
    const lock = `${file}.lock`;
    addStaff({ id: 'a', name: 'A', role: 'advisor', dealers: ['D1'] }, file);
    writeFileSync(lock, '999999999\n'); // no such process
    addStaff({ id: 'b', name: 'B', role: 'advisor', dealers: ['D1'] }, file);
    expect(readStaffFile(file).staff.map((s) => s.id)).toEqual(['a', 'b']);
    expect(existsSync(lock)).toBe(false);
  });

  it('names the staff id a token presents, if it has the shape of one', () => {
    expect(tokenStaffId('sa-01.secret')).toBe('sa-01');
    expect(tokenStaffId('no-dot')).toBeNull();
    expect(tokenStaffId('.secret')).toBeNull();
    expect(tokenStaffId('bad id.secret')).toBeNull();
  });
});

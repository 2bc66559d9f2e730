import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoStaff, DEMO_STAFF } from '../../api/demo-staff';
import { addStaff, openStaffDirectory, readStaffFile, StaffDirectoryError } from '../../api/staff-directory';

describe('the staff directory', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-staff-'));
    file = path.join(dir, 'nested', 'staff.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('issues a token once and stores only a salted hash of it, owner-readable only', () => {
    const { token, staff } = addStaff({ id: 'cs-007', name: '李客服', role: 'customer_service', dealers: ['SH-PUDONG-01'] }, file);
    expect(token).toMatch(/^cs-007\.[A-Za-z0-9_-]{43}$/);
    expect(staff).toEqual({ id: 'cs-007', name: '李客服', role: 'customer_service', dealers: ['SH-PUDONG-01'] });
    const text = readFileSync(file, 'utf8');
    const secret = token.split('.')[1]!;
    expect(text).not.toContain(secret);
    const [record] = readStaffFile(file).staff;
    expect(record).toMatchObject({ id: 'cs-007', tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/), salt: expect.stringMatching(/^[0-9a-f]{32}$/) });
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
    expect(() => addStaff({ id: 'sm-1', name: 'Someone else', role: 'general_manager', dealers: ['*'] }, file)).toThrow(StaffDirectoryError);
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
    expect(directory.authenticate(token)).toEqual({ id: 'gm-1', name: '陈总', role: 'general_manager', dealers: ['*'] });
    const [id, secret] = token.split('.') as [string, string];
    for (const wrong of [`${id}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, `${id}.`, `nobody.${secret}`, secret, '', `${id}.${secret}.x`]) {
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
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ staff: [{ id: 'x', name: 'x', role: 'boss', dealers: ['D1'], tokenHash: 'ab', salt: 'cd', createdAt: 'now' }] }));
    expect(() => openStaffDirectory(path.join(dir, 'bad.json'))).toThrow(/staff\.0\.role/);
  });

  it('loads demo staff once, one per role plus head office, writing each token once', () => {
    const tokens = path.join(dir, 'demo-tokens.txt');
    const first = ensureDemoStaff(file, tokens);
    expect(first.created).toEqual(DEMO_STAFF.map((s) => s.id));
    const second = ensureDemoStaff(file, tokens);
    expect(second).toEqual({ created: [], existing: DEMO_STAFF.map((s) => s.id) });
    const lines = readFileSync(tokens, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(DEMO_STAFF.length);
    expect(statSync(tokens).mode & 0o777).toBe(0o600);
    const directory = openStaffDirectory(file);
    const roles = lines.map((l) => directory.authenticate(l.split(' ')[3]!)?.role);
    expect(new Set(roles)).toEqual(new Set(['advisor', 'customer_service', 'service_manager', 'technical_manager', 'general_manager']));
  });
});

import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPolicyStore, PolicyVersionEditedError, type PolicyStoreOptions } from '../../config/policy-store';

describe('the policy store: policy files as versions', () => {
  let dir: string;
  let file: string;
  let registryFile: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-store-'));
    file = path.join(dir, 'policy.json');
    registryFile = path.join(dir, 'data', 'policy-registry.json');
  });

  const policyJson = (version: string, respondWithin = '2h') =>
    JSON.stringify({ version, clocks: { objection: { respondWithin } } }, null, 2);
  // Written aside and renamed, as editors do; also gives the file a new inode, so the change is seen.
  const write = (text: string) => {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  };
  const open = (extra: Partial<PolicyStoreOptions> = {}) => {
    const errors: Error[] = [];
    const reloads: string[] = [];
    const store = openPolicyStore({
      file,
      registryFile,
      checkEveryMs: 0,
      onReloadError: (err) => errors.push(err),
      onReload: (policy, previous) => reloads.push(`${previous.version}->${policy.version}`),
      ...extra,
    });
    return { store, errors, reloads };
  };

  it('loads the file and records its version in the registry', () => {
    write(policyJson('v1'));
    const { store } = open();
    expect(store.current().version).toBe('v1');
    const registry = JSON.parse(readFileSync(registryFile, 'utf8'));
    expect(registry.versions.v1).toMatchObject({ file, fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it('refuses at start-up a file edited without a new version, also after a restart', () => {
    write(policyJson('v1', '2h'));
    open();
    write(policyJson('v1', '3h'));
    // A new store over the same registry file: what a restarted API sees.
    expect(() => open()).toThrow(PolicyVersionEditedError);
    expect(() => open()).toThrow(
      `policy ${file} version "v1" was edited without changing its version; give it a new version`,
    );
  });

  it('does not count whitespace or key order as an edit', () => {
    write(policyJson('v1'));
    open();
    write(JSON.stringify({ clocks: { objection: { respondWithin: '2h' } }, version: 'v1' }));
    expect(open().store.current().version).toBe('v1');
  });

  it('picks up a new version on a live reload, for what is opened next', () => {
    write(policyJson('v1', '2h'));
    const { store, errors, reloads } = open();
    const before = store.current();
    write(policyJson('v2', '3h'));
    const after = store.current();
    expect(after.version).toBe('v2');
    expect(after.clocks.objection.respondWithin).toBe(3 * 3_600_000);
    expect(before.clocks.objection.respondWithin).toBe(2 * 3_600_000); // the old object is untouched
    expect(reloads).toEqual(['v1->v2']);
    expect(errors).toEqual([]);
    // Going back to v1 as first written is allowed: it is the same version.
    write(policyJson('v1', '2h'));
    expect(store.current().version).toBe('v1');
  });

  it('keeps the previous policy when a live edit keeps the version, and reports it once', () => {
    write(policyJson('v1', '2h'));
    const { store, errors } = open();
    write(policyJson('v1', '3h'));
    expect(store.current().clocks.objection.respondWithin).toBe(2 * 3_600_000);
    store.current();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(PolicyVersionEditedError);
    expect(errors[0]!.message).toContain('version "v1" was edited without changing its version');
  });

  it('keeps the previous policy when the file turns invalid, and loads it once fixed', () => {
    write(policyJson('v1'));
    const { store, errors } = open();
    write('{ "version": ');
    expect(store.current().version).toBe('v1');
    write(JSON.stringify({ version: 'v2', clocks: { objection: { respondWithin: 'soon' } } }));
    expect(store.current().version).toBe('v1');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/policy\.json is not valid JSON/),
      expect.stringMatching(/policy\.json[\s\S]*policy\.clocks\.objection\.respondWithin/),
    ]);
    write(policyJson('v2'));
    expect(store.current().version).toBe('v2');
  });

  it('an invalid version never reaches the registry', () => {
    write(policyJson('v1'));
    const { store } = open();
    write(JSON.stringify({ version: 'v2', clocks: { objection: { respondWithin: 'soon' } } }));
    store.current();
    write(policyJson('v2', '5h'));
    expect(store.current().clocks.objection.respondWithin).toBe(5 * 3_600_000);
  });

  it('looks at the file at most once per interval', () => {
    write(policyJson('v1'));
    let clock = 0;
    const { store } = open({ checkEveryMs: 1000, now: () => clock });
    write(policyJson('v2'));
    clock = 999;
    expect(store.current().version).toBe('v1');
    clock = 1000;
    expect(store.current().version).toBe('v2');
  });

  it('fails at start-up on a bad file or a bad registry, naming it', () => {
    write('{ "version": ');
    expect(() => open()).toThrow(/policy\.json is not valid JSON/);
    write(policyJson('v1'));
    writeFileSync(path.join(dir, 'bad-registry.json'), '[]');
    expect(() => open({ registryFile: path.join(dir, 'bad-registry.json') })).toThrow(
      /policy registry .*bad-registry\.json is not a valid registry/,
    );
  });
});

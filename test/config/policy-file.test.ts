import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPolicyFile } from '../../config/policy-file';

describe('loading the policy file named in the environment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('loads the shipped demo policy with second-scale clocks', () => {
    const policy = loadPolicyFile('config/policies/demo.json');
    expect(policy.version).toMatch(/^demo-/); // not pinned: the version moves with every edit of the file
    expect(policy.clocks.objection.respondWithin).toBe(4000);
  });

  it('refuses a policy whose clock is not a duration, naming the file and the field', () => {
    const file = write(
      'bad.json',
      JSON.stringify({ version: 'x', clocks: { objection: { respondWithin: 'soon', resolveWithin: '24h' } } }),
    );
    expect(() => loadPolicyFile(file)).toThrow(/bad\.json[\s\S]*policy\.clocks\.objection\.respondWithin/);
  });

  it('refuses a file that is not JSON', () => {
    expect(() => loadPolicyFile(write('broken.json', '{ "version": '))).toThrow(/broken\.json is not valid JSON/);
  });

  it('refuses a missing file by name', () => {
    expect(() => loadPolicyFile(path.join(dir, 'missing.json'))).toThrow(/cannot read policy file .*missing\.json/);
  });
});

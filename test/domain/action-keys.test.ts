import { keyedUpdateId, keyOfUpdate, keyVerdict, withKeyRecorded } from '../../domain/action-keys';
import { openState } from './fixtures';

describe('idempotent staff actions (the workflow’s record of Idempotency-Keys)', () => {
  const scope = 'sm-1:proposeRemedy:retry-1';

  it('names a keyed action’s Update by its scope and request hash, and reads both back; other Update ids carry no key', () => {
    expect(keyOfUpdate(keyedUpdateId(scope, 'abc123'))).toEqual({ scope, requestHash: 'abc123' });
    // A key may itself hold colons: the hash is what follows the last one.
    expect(keyOfUpdate(keyedUpdateId('sm-1:approveRemedy:a:b:c', 'f00'))).toEqual({
      scope: 'sm-1:approveRemedy:a:b:c',
      requestHash: 'f00',
    });
    for (const other of [undefined, '', 'e8f1c2d4-uuid', 'sm-1:acknowledge:old-style-key', 'key:'])
      expect(keyOfUpdate(other)).toBeNull();
  });

  it('takes a key once: fresh before, the same request again is a replay, another request with it is refused as reused', () => {
    const first = keyedUpdateId(scope, 'hash-of-body-1');
    const before = openState();
    expect(keyVerdict(before, first)).toBe('fresh');
    const after = withKeyRecorded(before, first);
    expect(keyVerdict(after, first)).toBe('replayed');
    expect(keyVerdict(after, keyedUpdateId(scope, 'hash-of-body-2'))).toBe('reused');
    // Another staff member, action or key is another scope.
    expect(keyVerdict(after, keyedUpdateId('sm-2:proposeRemedy:retry-1', 'hash-of-body-2'))).toBe('fresh');
    expect(keyVerdict(after, keyedUpdateId('sm-1:logContact:retry-1', 'hash-of-body-2'))).toBe('fresh');
  });

  it('leaves the state as it was for an Update without a key, and never finds a key on Object.prototype', () => {
    const state = openState();
    expect(withKeyRecorded(state, 'plain-update-id')).toBe(state);
    expect(keyVerdict(withKeyRecorded(state, keyedUpdateId('x', 'h')), keyedUpdateId('constructor', 'h'))).toBe(
      'fresh',
    );
  });
});

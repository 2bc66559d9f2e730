import {
  ACTOR_UNVERIFIED,
  ACTOR_VERIFIED,
  MAX_PROOF_AGE_MS,
  sealProblem,
  START,
  unseal,
} from '../../temporal/actor-proof';

const now = 1_800_000_000_000;
const proof = { workflowId: 'CL-1', update: 'logContact', updateId: 'u-1', signedAt: now - 1000 };
const expected = { workflowId: 'CL-1', update: 'logContact', updateId: 'u-1', now };
const sealed = (over: Record<string, unknown> = {}) => ({
  actor: { id: 'sa-1', role: 'advisor' },
  proof,
  [ACTOR_VERIFIED]: 'k1',
  ...over,
});

describe('the checks a workflow makes on a signed actor', () => {
  it('believes an input the codec verified, for this complaint, Update and id, signed lately', () => {
    expect(sealProblem(sealed(), expected)).toBeNull();
  });

  it('refuses an unsigned input, and says why the codec could not verify a signed one', () => {
    expect(sealProblem({ actor: {} }, expected)).toMatch(/not signed by the Complaint Ladder API/);
    expect(sealProblem({ actor: {}, [ACTOR_UNVERIFIED]: 'signed with key id "k9"' }, expected)).toMatch(
      /did not verify: signed with key id "k9"/,
    );
    expect(sealProblem(sealed({ proof: undefined }), expected)).toMatch(/no proof/);
  });

  it('refuses a signature made for another complaint, another Update, another Update id or another run', () => {
    expect(sealProblem(sealed(), { ...expected, workflowId: 'CL-2' })).toMatch(/for CL-1, not CL-2/);
    expect(sealProblem(sealed(), { ...expected, update: 'close' })).toMatch(/for logContact, not close/);
    expect(sealProblem(sealed(), { ...expected, updateId: 'u-2' })).toMatch(/another Update id/);
    expect(
      sealProblem(sealed({ proof: { ...proof, update: START } }), { workflowId: 'CL-1', update: START, runId: 'r-2' }),
    ).toMatch(/another run/);
  });

  it('refuses a signature older than ten minutes, or dated well in the future', () => {
    expect(sealProblem(sealed({ proof: { ...proof, signedAt: now - MAX_PROOF_AGE_MS - 1000 } }), expected)).toMatch(
      /601 s old; at most 600 s/,
    );
    expect(sealProblem(sealed({ proof: { ...proof, signedAt: now + 10 * 60_000 } }), expected)).toMatch(
      /in the future/,
    );
    expect(sealProblem(sealed({ proof: { ...proof, signedAt: now - 9 * 60_000 } }), expected)).toBeNull();
  });

  it('hands the domain the input without its proof and verdict', () => {
    expect(unseal(sealed())).toEqual({ actor: { id: 'sa-1', role: 'advisor' } });
    const untouched = { actor: {} };
    expect(unseal(untouched)).toBe(untouched);
  });
});

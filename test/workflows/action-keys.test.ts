import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { keyedUpdateId } from '../../domain/action-keys';
import { stateQuery, REFUSAL_TYPES, updates } from '../../workflows/messages';
import { refusal, settled, staff, startComplaint } from '../support/complaint-harness';
import { createTimeSkippingEnv } from '../support/stack';

/** The workflow's half of idempotent actions (domain/action-keys.ts), across continue-as-new. */
describe('keyed staff actions in the complaint workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  }, 30_000);
  afterEach(() => env?.teardown());

  it('refuses a key reused with another request, and a key replayed after continue-as-new, applying each action once', async () => {
    const c = await startComplaint(env, { historyLimit: 40 });
    try {
      const contact = (summary: string, updateId?: string) =>
        c.handle.executeUpdate(updates.logContact, {
          args: [{ actor: staff.customerService, method: 'phone', summary }],
          ...(updateId ? { updateId } : {}),
        });
      const scope = 'cs-1:logContact:k-1';
      await contact('first call', keyedUpdateId(scope, 'hash-1'));
      expect((await refusal(contact('another call', keyedUpdateId(scope, 'hash-2')))).type).toBe(
        REFUSAL_TYPES.idempotency_key_reused,
      );
      // Enough actions to continue as new: Temporal forgets the first Update's id, the state does not.
      for (let i = 0; i < 12; i++) await contact(`call ${i}`);
      expect((await c.handle.describe()).runId).not.toBe(c.handle.firstExecutionRunId);
      expect((await refusal(contact('first call', keyedUpdateId(scope, 'hash-1')))).type).toBe(
        REFUSAL_TYPES.already_applied,
      );
      expect((await refusal(contact('another call', keyedUpdateId(scope, 'hash-2')))).type).toBe(
        REFUSAL_TYPES.idempotency_key_reused,
      );
      const state = await settled(c);
      expect(state.audit.filter((a) => a.action === 'logContact')).toHaveLength(13);
      expect((await c.handle.query(stateQuery)).idempotencyKeys).toEqual({ [scope]: 'hash-1' });
    } finally {
      await c.stop();
    }
  });
});

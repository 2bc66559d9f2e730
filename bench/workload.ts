/** Opening complaints straight on Temporal (the API's intake is measured on its own). */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Policy } from '../domain/policy';
import type { BenchContext } from './context';
import { benchIntake } from './context';

export const BENCH_ACTORS = {
  advisor: { id: 'bench-sa', role: 'advisor' },
  cs: { id: 'bench-cs', role: 'customer_service' },
  sm: { id: 'bench-sm', role: 'service_manager' },
} as const;

/** `receivedAt` starts the clocks, as the API does; without it they start at the worker's first task. */
export async function openComplaint(
  ctx: BenchContext,
  complaintId: string,
  policy: Policy,
  dealerId: string,
  receivedAt?: number,
): Promise<void> {
  try {
    await ctx.client.workflow.start('complaint', {
      taskQueue: ctx.complaintQueue,
      workflowId: complaintId,
      args: [
        {
          open: {
            complaintId,
            startingStage: 'objection',
            policy,
            intake: { ...benchIntake(dealerId), receivedBy: BENCH_ACTORS.advisor },
            ...(receivedAt === undefined ? {} : { receivedAt }),
          },
        },
      ],
    });
  } catch (err) {
    // A start retried by the client after a lost answer: the complaint is open, as wanted.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

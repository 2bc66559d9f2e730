/** Bare workflows that set the ceilings: what Temporal alone does on this machine. */
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities';

const { nothing } = proxyActivities<typeof activities>({ startToCloseTimeout: '10 seconds' });

/** The intake ceiling: a start that does no work. */
export async function noop(): Promise<void> {}

/** The lifecycle ceiling: the same number of activities a complaint's lifecycle runs, in a row. */
export async function activityChain(count: number): Promise<number> {
  for (let i = 0; i < count; i++) await nothing(i);
  return count;
}

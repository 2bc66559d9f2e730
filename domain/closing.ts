import { z } from 'zod';
import { prose } from './text';
import { lazySchema } from './lazy-schema';
import { isAtLeast, type Stage } from './ladder';
import type { Policy } from './policy';

/** Where a process defect sits in the service flow (seed 000 (9): find the root cause). */
export const DEFECT_AREAS = [
  'reception',
  'diagnosis',
  'repair',
  'parts',
  'billing',
  'delivery',
  'communication',
] as const;
export type DefectArea = (typeof DEFECT_AREAS)[number];

const text = (max: number) => prose(max);

export const RootCauseSchema = lazySchema(() =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('incidental') }),
      z.strictObject({
        kind: z.literal('process_defect'),
        area: z.enum(DEFECT_AREAS),
        description: text(2000),
      }),
    ],
    { error: 'expected kind "incidental" or "process_defect"' },
  ),
);
export type RootCause = z.output<typeof RootCauseSchema>;

/** Seed 001's 反思报告: what the customer thought and needed, and what we believed, did and caused. */
export const ReflectionReportSchema = lazySchema(() =>
  z.strictObject({
    customerThoughts: text(2000),
    customerNeeds: text(2000),
    wrongBelief: text(2000),
    wrongBehaviour: text(2000),
    badConsequence: text(2000),
    rightBelief: text(2000),
    rightBehaviour: text(2000),
    goodResult: text(2000),
  }),
);
export type ReflectionReport = z.output<typeof ReflectionReportSchema>;

export function needsReflection(stageReached: Stage, policy: Pick<Policy, 'reflectionReportFrom'>): boolean {
  return isAtLeast(stageReached, policy.reflectionReportFrom);
}

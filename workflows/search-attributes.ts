import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { ComplaintState } from '../domain/complaint';
import { nextDeadline } from '../domain/transitions';

/** SPEC §4 search attributes, so `ComplaintStage='deadlock'` works in Temporal visibility. */
export const ComplaintStage = defineSearchAttributeKey('ComplaintStage', SearchAttributeType.KEYWORD);
export const ComplaintStatus = defineSearchAttributeKey('ComplaintStatus', SearchAttributeType.KEYWORD);
export const DealerId = defineSearchAttributeKey('DealerId', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);

export function searchAttributesOf(state: ComplaintState): SearchAttributeUpdatePair[] {
  const deadline = nextDeadline(state);
  return [
    { key: ComplaintStage, value: state.stage },
    { key: ComplaintStatus, value: state.status },
    { key: DealerId, value: state.dealerId },
    { key: NextDeadline, value: deadline === null ? null : new Date(deadline) },
  ];
}

import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { ComplaintState } from '../domain/complaint';
import { nextDeadline, ownerOf } from '../domain/transitions';
import { SEARCH_ATTRIBUTES, type SearchAttributeName } from '../temporal/vocabulary';

const SDK_TYPES = { Keyword: SearchAttributeType.KEYWORD, Datetime: SearchAttributeType.DATETIME } as const;

// Name and type both come from temporal/vocabulary.ts; the key's value type follows from it.
const key = <N extends SearchAttributeName>(name: N) => defineSearchAttributeKey(name, SDK_TYPES[SEARCH_ATTRIBUTES[name]]);

/** SPEC §4 search attributes, so `ComplaintStage='deadlock'` works in Temporal visibility. */
export const ComplaintStage = key('ComplaintStage');
export const ComplaintStatus = key('ComplaintStatus');
export const DealerId = key('DealerId');
export const NextDeadline = key('NextDeadline');
export const ComplaintOwner = key('ComplaintOwner');

export function searchAttributesOf(state: ComplaintState): SearchAttributeUpdatePair[] {
  const deadline = nextDeadline(state);
  return [
    { key: ComplaintStage, value: state.stage },
    { key: ComplaintStatus, value: state.status },
    { key: DealerId, value: state.dealerId },
    { key: NextDeadline, value: deadline === null ? null : new Date(deadline) },
    { key: ComplaintOwner, value: ownerOf(state).id },
  ];
}

import { execFileSync } from 'node:child_process';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { loadEnv } from '../../config/env';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../temporal/search-attributes';
import { COMPLAINT_TASK_QUEUE, SEARCH_ATTRIBUTES } from '../../temporal/vocabulary';
import { COMPLAINT_TASK_QUEUE as WORKFLOW_TASK_QUEUE } from '../../workflows/messages';
import { ComplaintStage, ComplaintStatus, DealerId, NextDeadline } from '../../workflows/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

describe('the Temporal vocabulary, defined once in temporal/vocabulary.ts', () => {
  it('keeps the public names and types', () => {
    expect(SEARCH_ATTRIBUTES).toEqual({ ComplaintStage: 'Keyword', ComplaintStatus: 'Keyword', DealerId: 'Keyword', NextDeadline: 'Datetime', ComplaintOwner: 'Keyword' });
    expect([ComplaintStage, ComplaintStatus, DealerId, NextDeadline]).toEqual([
      { name: 'ComplaintStage', type: SearchAttributeType.KEYWORD },
      { name: 'ComplaintStatus', type: SearchAttributeType.KEYWORD },
      { name: 'DealerId', type: SearchAttributeType.KEYWORD },
      { name: 'NextDeadline', type: SearchAttributeType.DATETIME },
    ]);
    expect(COMPLAINT_SEARCH_ATTRIBUTES).toEqual({
      ComplaintStage: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ComplaintStatus: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      DealerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      NextDeadline: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      ComplaintOwner: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    });
  });

  it('is what scripts/temporal.sh gives the dev server', () => {
    const out = execFileSync('bash', ['-c', 'ROOT_DIR="$PWD"; source scripts/temporal.sh; temporal_search_attributes'], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`));
  });

  it('defaults the task queue of every process to the workflows\' one', () => {
    expect(COMPLAINT_TASK_QUEUE).toBe('complaints');
    expect(WORKFLOW_TASK_QUEUE).toBe(COMPLAINT_TASK_QUEUE);
    expect(loadEnv({}).TEMPORAL_TASK_QUEUE).toBe(COMPLAINT_TASK_QUEUE);
  });

  it('defaults the policy registry into the stack data folder', () => {
    expect(loadEnv({}).POLICY_REGISTRY_FILE).toBe('.stack/policy-registry.json');
    expect(loadEnv({ STACK_DATA_DIR: '/data/main' }).POLICY_REGISTRY_FILE).toBe('/data/main/policy-registry.json');
    expect(loadEnv({ STACK_DATA_DIR: '/data/main', POLICY_REGISTRY_FILE: '/x.json' }).POLICY_REGISTRY_FILE).toBe('/x.json');
  });
});

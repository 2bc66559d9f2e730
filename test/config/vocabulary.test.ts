import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { loadEnv } from '../../config/env';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../temporal/search-attributes';
import { COMPLAINT_TASK_QUEUE, SEARCH_ATTRIBUTES } from '../../temporal/vocabulary';
import { COMPLAINT_TASK_QUEUE as WORKFLOW_TASK_QUEUE } from '../../workflows/messages';
import {
  AwaitingApprovalBy,
  ComplaintOverdue,
  ComplaintStage,
  ComplaintStatus,
  DealerId,
  NextDeadline,
} from '../../workflows/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

describe('the Temporal vocabulary, defined once in temporal/vocabulary.ts', () => {
  it("keeps the public names and types, within the dev server's per-type limits", () => {
    expect(SEARCH_ATTRIBUTES).toEqual({
      ComplaintStage: 'Keyword',
      ComplaintStatus: 'Keyword',
      DealerId: 'Keyword',
      NextDeadline: 'Datetime',
      ComplaintOwner: 'Keyword',
      ComplaintSeverity: 'Keyword',
      VehiclePlate: 'Keyword',
      VehicleVin: 'Keyword',
      RepairOrderNo: 'Keyword',
      AwaitingApprovalBy: 'KeywordList',
      CustomerPhoneHash: 'Keyword',
      CustomerKeys: 'KeywordList',
      NextWarning: 'Datetime',
      ComplaintOverdue: 'Bool',
      ComplaintUnowned: 'Bool',
    });
    const perType = (type: string) => Object.values(SEARCH_ATTRIBUTES).filter((t) => t === type).length;
    const LIMITS = { Keyword: 10, KeywordList: 3, Datetime: 3, Bool: 3 };
    for (const [type, limit] of Object.entries(LIMITS)) expect(perType(type)).toBeLessThanOrEqual(limit);
    expect([ComplaintStage, ComplaintStatus, DealerId, NextDeadline, AwaitingApprovalBy, ComplaintOverdue]).toEqual([
      { name: 'ComplaintStage', type: SearchAttributeType.KEYWORD },
      { name: 'ComplaintStatus', type: SearchAttributeType.KEYWORD },
      { name: 'DealerId', type: SearchAttributeType.KEYWORD },
      { name: 'NextDeadline', type: SearchAttributeType.DATETIME },
      { name: 'AwaitingApprovalBy', type: SearchAttributeType.KEYWORD_LIST },
      { name: 'ComplaintOverdue', type: SearchAttributeType.BOOL },
    ]);
    expect(COMPLAINT_SEARCH_ATTRIBUTES).toMatchObject({
      ComplaintStage: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      NextDeadline: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      CustomerPhoneHash: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      CustomerKeys: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
      ComplaintUnowned: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    });
    expect(Object.keys(COMPLAINT_SEARCH_ATTRIBUTES)).toEqual(Object.keys(SEARCH_ATTRIBUTES));
  });

  it('is what docker-compose.yml registers by hand', () => {
    const compose = readFileSync('docker-compose.yml', 'utf8');
    const listed = /for sa in ([^;]+); do/.exec(compose)?.[1]?.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
    expect(listed).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`));
  });

  it('is what scripts/temporal.sh gives the dev server', () => {
    const out = execFileSync(
      'bash',
      ['-c', 'ROOT_DIR="$PWD"; source scripts/temporal.sh; temporal_search_attributes'],
      { encoding: 'utf8' },
    );
    expect(out.trim().split('\n')).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`));
  });

  it("defaults the task queue of every process to the workflows' one", () => {
    expect(COMPLAINT_TASK_QUEUE).toBe('complaints');
    expect(WORKFLOW_TASK_QUEUE).toBe(COMPLAINT_TASK_QUEUE);
    expect(loadEnv({}).TEMPORAL_TASK_QUEUE).toBe(COMPLAINT_TASK_QUEUE);
  });

  it('defaults the policy registry and the lookup key into the stack data folder', () => {
    expect(loadEnv({}).LADDER_LOOKUP_KEY_FILE).toBe('.stack/lookup-key');
    expect(loadEnv({ STACK_DATA_DIR: '/data/main', LADDER_LOOKUP_KEY: '' })).toMatchObject({
      LADDER_LOOKUP_KEY_FILE: '/data/main/lookup-key',
      LADDER_LOOKUP_KEY: undefined,
    });
    expect(() => loadEnv({ LADDER_LOOKUP_KEY: 'too short' })).toThrow(/LADDER_LOOKUP_KEY/);
    expect(loadEnv({}).POLICY_REGISTRY_FILE).toBe('.stack/policy-registry.json');
    expect(loadEnv({ STACK_DATA_DIR: '/data/main' }).POLICY_REGISTRY_FILE).toBe('/data/main/policy-registry.json');
    expect(loadEnv({ STACK_DATA_DIR: '/data/main', POLICY_REGISTRY_FILE: '/x.json' }).POLICY_REGISTRY_FILE).toBe(
      '/x.json',
    );
  });
});

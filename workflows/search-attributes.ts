import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { ComplaintState } from '../domain/complaint';
import type { Policy } from '../domain/policy';
import { approverRoles } from '../domain/remedy';
import { isUnowned, ownerOf } from '../domain/ownership';
import { ROLES } from '../domain/staff';
import { nextDeadline } from '../domain/deadlines';
import { SEARCH_ATTRIBUTES, type SearchAttributeName } from '../temporal/vocabulary';

const SDK_TYPES = {
  Keyword: SearchAttributeType.KEYWORD,
  KeywordList: SearchAttributeType.KEYWORD_LIST,
  Datetime: SearchAttributeType.DATETIME,
  Bool: SearchAttributeType.BOOL,
} as const;

// Name and type both come from temporal/vocabulary.ts; the key's value type follows from it.
const key = <N extends SearchAttributeName>(name: N) =>
  defineSearchAttributeKey(name, SDK_TYPES[SEARCH_ATTRIBUTES[name]]);

/** SPEC §4 search attributes, so `ComplaintStage='deadlock'` works in Temporal visibility. */
export const ComplaintStage = key('ComplaintStage');
export const ComplaintStatus = key('ComplaintStatus');
export const DealerId = key('DealerId');
export const NextDeadline = key('NextDeadline');
export const ComplaintOwner = key('ComplaintOwner');
export const ComplaintSeverity = key('ComplaintSeverity');
export const VehiclePlate = key('VehiclePlate');
export const VehicleVin = key('VehicleVin');
export const RepairOrderNo = key('RepairOrderNo');
export const AwaitingApprovalBy = key('AwaitingApprovalBy');
export const CustomerKeys = key('CustomerKeys');
export const CustomerPhoneHash = key('CustomerPhoneHash');
export const NextWarning = key('NextWarning');
export const ComplaintOverdue = key('ComplaintOverdue');
export const ComplaintUnowned = key('ComplaintUnowned');

/**
 * A plate, VIN or repair-order number as hashed and as searched: "沪a 12345" and "沪A12345" are
 * one plate. The API hashes both what intake stores and what staff type after this (customer-keys.ts).
 */
export function indexedCode(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
}

/** Roles that could approve some remedy awaiting approval, in ROLES order (the approve rule also weighs cumulative authority). */
export function awaitingApprovalBy(state: ComplaintState, policy: Pick<Policy, 'compensationCaps'>): string[] {
  const roles = new Set(
    state.remedies.filter((r) => r.status === 'awaiting_approval').flatMap((r) => approverRoles(r.amount, policy)),
  );
  return ROLES.filter((role) => roles.has(role));
}

/** The earliest warning of a running clock, or null. */
function nextWarning(state: ComplaintState): number | null {
  if (state.status !== 'open') return null;
  const warnings = state.clocks.filter((c) => c.status === 'running').map((c) => c.warnAt);
  return warnings.length ? Math.min(...warnings) : null;
}

const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The customer key of one kind ("phone", "plate", …), as the API hashed it at intake. */
const keyOf = (state: ComplaintState, kind: string): string | null =>
  state.customerKeys?.find((k) => k.startsWith(`${kind}:`)) ?? null;

/**
 * Pure, and run in the workflow sandbox: no Node APIs. The customer keys (phone, name, plate, VIN,
 * RO number) are hashed by the API before the workflow starts, because the sandbox has no crypto
 * and the key must not enter history.
 * Without a policy AwaitingApprovalBy is left as it was (its roles follow the policy's caps).
 */
export function searchAttributesOf(
  state: ComplaintState,
  policy?: Pick<Policy, 'compensationCaps'>,
): SearchAttributeUpdatePair[] {
  const { severity } = state.intake;
  return [
    { key: ComplaintStage, value: state.stage },
    { key: ComplaintStatus, value: state.status },
    { key: DealerId, value: state.dealerId },
    { key: NextDeadline, value: dateOrNull(nextDeadline(state)) },
    { key: ComplaintOwner, value: ownerOf(state).id },
    { key: ComplaintSeverity, value: severity },
    // Keyed hashes made by the API, never the values: a plate or VIN identifies the customer.
    // Complaints opened before plates were hashed have none, and lose their clear ones here.
    { key: VehiclePlate, value: keyOf(state, 'plate') },
    { key: VehicleVin, value: keyOf(state, 'vin') },
    { key: RepairOrderNo, value: keyOf(state, 'ro') },
    ...(policy ? [{ key: AwaitingApprovalBy, value: awaitingApprovalBy(state, policy) }] : []),
    {
      key: CustomerKeys,
      value: (state.customerKeys ?? []).filter((k) => k.startsWith('phone:') || k.startsWith('name:')),
    },
    { key: CustomerPhoneHash, value: keyOf(state, 'phone') },
    { key: NextWarning, value: dateOrNull(nextWarning(state)) },
    { key: ComplaintOverdue, value: state.status === 'open' && state.lapsedAt !== undefined },
    { key: ComplaintUnowned, value: isUnowned(state) },
  ];
}

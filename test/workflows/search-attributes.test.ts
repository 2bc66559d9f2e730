import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { searchAttributesOf } from '../../workflows/search-attributes';
import { advisor, generalManager, intake, openState, policy, remedy, resolvedState } from '../domain/fixtures';

/** The pairs as { name: value }, the way visibility shows them. */
const indexed = (pairs: SearchAttributeUpdatePair[]) => Object.fromEntries(pairs.map((p) => [p.key.name, p.value]));

describe('what a complaint is found by in Temporal visibility', () => {
  it('indexes the plate, VIN, RO number, phone and name only as the keyed hashes the API made, never in clear', () => {
    const state = openState({
      intake: {
        ...intake,
        vehicle: { plate: '沪a 12345', vin: 'LSVAB2BM0EN012345' },
        repairOrderNo: 'ro-2026-0001',
        severity: 'high',
      },
      customerKeys: ['phone:00', 'name:11', 'plate:22', 'vin:33', 'ro:44'],
    });
    expect(indexed(searchAttributesOf(state, policy))).toMatchObject({
      ComplaintSeverity: 'high',
      VehiclePlate: 'plate:22',
      VehicleVin: 'vin:33',
      RepairOrderNo: 'ro:44',
      CustomerPhoneHash: 'phone:00',
      CustomerKeys: ['phone:00', 'name:11'],
    });
    const text = JSON.stringify(searchAttributesOf(state, policy));
    for (const clear of [intake.customer.phone, intake.customer.name, '12345', 'LSVAB2BM0EN012345', '2026-0001'])
      expect(text).not.toContain(clear);
  });

  it('leaves the vehicle attributes empty for a complaint opened before they were hashed, rather than show them in clear', () => {
    const state = openState({
      intake: { ...intake, vehicle: { plate: '沪A12345', vin: 'LSVAB2BM0EN012345' }, repairOrderNo: 'RO-1' },
      customerKeys: ['phone:00', 'name:11'],
    });
    expect(indexed(searchAttributesOf(state, policy))).toMatchObject({
      VehiclePlate: null,
      VehicleVin: null,
      RepairOrderNo: null,
    });
  });

  it('leaves what a complaint lacks empty: no VIN, no RO number, no customer keys from before they were kept', () => {
    const state = openState({ intake: { ...intake, vehicle: { plate: '沪A12345' }, repairOrderNo: undefined } });
    expect(indexed(searchAttributesOf(state, policy))).toMatchObject({
      VehicleVin: null,
      RepairOrderNo: null,
      CustomerKeys: [],
      AwaitingApprovalBy: [],
    });
  });

  it('names the roles whose cap covers a remedy awaiting approval, and nobody once it is approved', () => {
    const waiting = openState({ remedies: [remedy({ amount: 2000, status: 'awaiting_approval' })] });
    expect(indexed(searchAttributesOf(waiting, policy)).AwaitingApprovalBy).toEqual([
      'service_manager',
      'technical_manager',
      'general_manager',
    ]);
    const approved = openState({
      remedies: [remedy({ amount: 2000, status: 'proposed', approvedBy: generalManager })],
    });
    expect(indexed(searchAttributesOf(approved, policy)).AwaitingApprovalBy).toEqual([]);
    // Without the policy the roles cannot be known, so the attribute is left as it was.
    expect(indexed(searchAttributesOf(waiting))).not.toHaveProperty('AwaitingApprovalBy');
  });

  it('marks an open complaint overdue once a deadline lapsed unanswered, and unowned when its owner cannot act on the rung', () => {
    expect(indexed(searchAttributesOf(openState(), policy))).toMatchObject({
      ComplaintOverdue: false,
      ComplaintUnowned: false,
    });
    expect(indexed(searchAttributesOf(openState({ lapsedAt: 1 }), policy)).ComplaintOverdue).toBe(true);
    expect(indexed(searchAttributesOf(openState({ stage: 'deadlock', owner: advisor }), policy)).ComplaintUnowned).toBe(
      true,
    );
    expect(indexed(searchAttributesOf(resolvedState({ lapsedAt: 1 }), policy))).toMatchObject({
      ComplaintOverdue: false,
      ComplaintUnowned: false,
      NextWarning: null,
    });
  });

  it('indexes the earliest warning of a running clock beside the earliest deadline', () => {
    const state = openState();
    const byName = indexed(searchAttributesOf(state, policy));
    expect(byName.NextWarning).toEqual(new Date(Math.min(...state.clocks.map((c) => c.warnAt))));
    expect(byName.NextDeadline).toEqual(new Date(Math.min(...state.clocks.map((c) => c.dueAt))));
  });
});

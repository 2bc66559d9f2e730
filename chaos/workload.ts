/**
 * The chaos workload: complaints driven down mixed paths, each with a final state known in
 * advance, so the system can be checked against ground truth once it is quiet.
 */
import type { ComplaintState } from '../domain/complaint';
import type { Actor } from '../domain/staff';

export type Path = 'untouched' | 'acknowledged' | 'remedy' | 'approval' | 'reopen';

/** Out of every ten complaints. */
export const MIX: Path[] = [
  'untouched',
  'untouched',
  'untouched',
  'acknowledged',
  'acknowledged',
  'remedy',
  'remedy',
  'approval',
  'approval',
  'reopen',
];

export const ACTORS = {
  advisor: { id: 'chaos-sa', role: 'advisor' },
  cs: { id: 'chaos-cs', role: 'customer_service' },
  sm: { id: 'chaos-sm', role: 'service_manager' },
} satisfies Record<string, Actor>;

export interface Expected {
  stage: ComplaintState['stage'];
  status: ComplaintState['status'];
  reopenCount: number;
  /** Accepted compensation, which the ledger and analytics must show. */
  compensation: number;
}

/** Untouched and reopened complaints climb every rung; the others close where they were opened. */
export function expectedOf(path: Path): Expected {
  switch (path) {
    case 'untouched':
      return { stage: 'public_action', status: 'open', reopenCount: 0, compensation: 0 };
    case 'acknowledged':
      return { stage: 'objection', status: 'closed', reopenCount: 0, compensation: 0 };
    case 'remedy':
      return { stage: 'objection', status: 'closed', reopenCount: 0, compensation: 300 };
    case 'approval':
      return { stage: 'objection', status: 'closed', reopenCount: 0, compensation: 2000 };
    case 'reopen':
      return { stage: 'public_action', status: 'open', reopenCount: 1, compensation: 100 };
  }
}

/** The actions of a path, in order; each is [update name, payload]. Remedy ids are known: <id>-R1. */
export function actionsOf(path: Path, complaintId: string): [string, Record<string, unknown>][] {
  const r1 = `${complaintId}-R1`;
  const close = [
    'close',
    { actor: ACTORS.sm, rootCause: { kind: 'process_defect', area: 'communication', description: 'No call' } },
  ] as [string, Record<string, unknown>];
  const settle = (amount: number): [string, Record<string, unknown>][] => [
    [
      'proposeRemedy',
      {
        actor: ACTORS.advisor,
        type: amount > 500 ? 'cash_compensation' : 'labour_fee_waiver',
        amount,
        description: 'chaos',
      },
    ],
    ...(amount > 500
      ? ([['approveRemedy', { actor: ACTORS.sm, remedyId: r1 }]] as [string, Record<string, unknown>][])
      : []),
    ['recordCustomerDecision', { actor: ACTORS.advisor, remedyId: r1, decision: 'accept' }],
    ['resolve', { actor: ACTORS.sm, kind: 'remedy_accepted' }],
  ];
  switch (path) {
    case 'untouched':
      return [];
    case 'acknowledged':
      return [
        ['acknowledge', { actor: ACTORS.cs }],
        ['logContact', { actor: ACTORS.sm, method: 'phone', summary: 'explained the warranty terms' }],
        ['resolve', { actor: ACTORS.sm, kind: 'upheld_policy', reason: 'within policy' }],
        ['recordFollowUp', { actor: ACTORS.cs, satisfied: true, customerCalled: true }],
        close,
      ];
    case 'remedy':
      return [...settle(300), ['recordFollowUp', { actor: ACTORS.cs, satisfied: true, customerCalled: true }], close];
    case 'approval':
      return [...settle(2000), ['recordFollowUp', { actor: ACTORS.cs, satisfied: true, customerCalled: true }], close];
    case 'reopen':
      return [
        ...settle(100),
        ['recordFollowUp', { actor: ACTORS.cs, satisfied: false, customerCalled: true, note: 'still unhappy' }],
      ];
  }
}

/**
 * The kinds of staff notice, once: transitions raise them, notices.ts words them and
 * `staff.notified` carries them.
 */
export const NOTICE_KINDS = [
  'stage_entered',
  'warning',
  'breach',
  'approval_needed',
  'reminder',
  'followup_due',
  'followup_missed',
  /** A supervisor paused the clocks: the tier above sees it (seed 001: 拖延 is a wrong behaviour). */
  'clock_paused',
  /** A supervisor extended a deadline: the tier above sees it. */
  'deadline_extended',
  /** The clocks are still paused: the owner tier is reminded on the policy's cadence. */
  'pause_reminder',
  /** A complaint was handed over: its new owner is told. */
  'assigned',
  /** The customer has not heard from us in the customer-update time: the owner and the owner tier. */
  'customer_update_lapsed',
  /** The owner cannot act on the complaint's rung: the rung's tier, until someone takes it. */
  'unowned',
  /** A high or critical complaint came in: the policy's tier hears at once (seed 003 登记3). */
  'severity_alert',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

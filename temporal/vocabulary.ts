/**
 * The names the complaint workflows are found by, defined once. Imports nothing, so the workflow
 * bundle, the API, the worker and config/env.ts can all use it.
 *
 * scripts/temporal.sh reads SEARCH_ATTRIBUTES from this file's text (the dev server's
 * --search-attribute flags), so keep one `Name: 'Type',` entry per line. Types are the Temporal
 * CLI's names; workflows/ and temporal/search-attributes.ts map them to the SDK's.
 *
 * The dev server's SQLite visibility allows 10 Keyword, 3 KeywordList, 3 Datetime and 3 Bool
 * attributes per namespace; docs/search.md says what each one holds and what is left.
 */

export const COMPLAINT_TASK_QUEUE = 'complaints';

/** SPEC §4: the search attributes other systems query by. */
export const SEARCH_ATTRIBUTES = {
  ComplaintStage: 'Keyword',
  ComplaintStatus: 'Keyword',
  DealerId: 'Keyword',
  NextDeadline: 'Datetime',
  /** The owner's staff id (首问责任): "my complaints". */
  ComplaintOwner: 'Keyword',
  ComplaintSeverity: 'Keyword',
  /** Keyed hashes of the plate, VIN and repair-order number ("plate:…", "vin:…", "ro:…"), never the values. */
  VehiclePlate: 'Keyword',
  VehicleVin: 'Keyword',
  RepairOrderNo: 'Keyword',
  /** Roles that could approve some remedy awaiting approval. */
  AwaitingApprovalBy: 'KeywordList',
  /** SPEC §4: the keyed hash of the customer's normalised phone ("phone:…"), never the number. */
  CustomerPhoneHash: 'Keyword',
  /** Keyed hashes of the customer's phone and name ("phone:…", "name:…"), never the values. */
  CustomerKeys: 'KeywordList',
  /** The earliest warning of a running clock. */
  NextWarning: 'Datetime',
  /** Open, and a deadline lapsed with nobody acting since. */
  ComplaintOverdue: 'Bool',
  /** Open, and the owner cannot act on the rung: the rung's tier should take it. */
  ComplaintUnowned: 'Bool',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

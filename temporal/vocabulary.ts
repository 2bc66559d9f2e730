/**
 * The names the complaint workflows are found by, defined once. Imports nothing, so the workflow
 * bundle, the API, the worker and config/env.ts can all use it.
 *
 * scripts/temporal.sh reads SEARCH_ATTRIBUTES from this file's text (the dev server's
 * --search-attribute flags), so keep one `Name: 'Type',` entry per line. Types are the Temporal
 * CLI's names; workflows/ and temporal/search-attributes.ts map them to the SDK's.
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
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

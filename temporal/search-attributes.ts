import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { IndexedValueType } = temporal.api.enums.v1;

/** SPEC §4: the search attributes other systems query by. */
export const COMPLAINT_SEARCH_ATTRIBUTES = {
  ComplaintStage: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  ComplaintStatus: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DealerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  NextDeadline: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/**
 * Registers any missing search attribute; existing ones are left alone, so this is safe at every
 * start-up. The embedded dev server already has them (scripts/temporal.sh); a fresh cluster does not.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = new Set([
    ...Object.keys(listed.customAttributes ?? {}),
    ...Object.keys(listed.systemAttributes ?? {}),
  ]);
  const missing = Object.fromEntries(
    Object.entries(COMPLAINT_SEARCH_ATTRIBUTES).filter(([name]) => !existing.has(name)),
  );
  if (Object.keys(missing).length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  } catch (err) {
    // Another worker may have registered them a moment ago.
    if (!/already exists/i.test(String((err as Error).message))) throw err;
  }
  return Object.keys(missing);
}

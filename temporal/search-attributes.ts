import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

import { SEARCH_ATTRIBUTES, type SearchAttributeName } from './vocabulary';

const { IndexedValueType } = temporal.api.enums.v1;
type IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const INDEXED_TYPES = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
} as const;

/** SPEC §4 search attributes (temporal/vocabulary.ts), as the operator service takes them. */
export const COMPLAINT_SEARCH_ATTRIBUTES = Object.fromEntries(
  Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => [name, INDEXED_TYPES[type]]),
) as Record<SearchAttributeName, IndexedValueType>;

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

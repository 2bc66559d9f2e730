/**
 * Lookups keyed by outside data (dealer ids, roles, event names, API fields). A plain `obj[key]`
 * also finds Object.prototype members: "constructor", "toString", "__proto__" and the rest.
 */

/** `record[key]` if the record itself holds `key`, else undefined (never an inherited member). */
export function ownValue<V>(
  record: Readonly<Record<string, V>> | Partial<Record<string, V>>,
  key: string,
): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** True only for the record's own keys; a type guard for enum-keyed tables. */
export function hasOwnKey<K extends string>(record: Readonly<Record<K, unknown>>, key: string): key is K {
  return Object.hasOwn(record, key);
}

/** An empty dictionary with no prototype: counters and maps built from outside keys. */
export function dictionary<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

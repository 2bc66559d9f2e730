// Table lookups keyed by API data: `table[key]` would also find "constructor", "toString" and the
// other Object.prototype members. Mirrors domain/own.ts.
export const own = (table, key) => (table != null && Object.hasOwn(table, key) ? table[key] : undefined);

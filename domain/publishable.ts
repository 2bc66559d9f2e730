import { textFault } from './text';

/**
 * Why a value cannot travel as JSON unchanged, or null when it can: a non-finite number becomes
 * null in the payload converter and fails its event schema, and a lone surrogate makes strict
 * consumers refuse the record. Checked on every transition before an Update is accepted, without
 * the event schemas, which stay out of the workflow bundle.
 */
export function unpublishable(value: unknown, path = 'data'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is not a finite number`;
  if (typeof value === 'string') {
    const fault = textFault(value, true);
    return fault ? `${path} ${fault}` : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const fault = unpublishable(value[i], `${path}[${i}]`);
      if (fault) return fault;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const fault = unpublishable(inner, `${path}.${key}`);
      if (fault) return fault;
    }
  }
  return null;
}

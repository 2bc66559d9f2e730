/**
 * Which dealers a decoded payload belongs to, so the codec endpoint shows a dealer's staff only
 * their own complaints' data. A payload names its dealer directly (an intake, a state, an event:
 * `dealerId`), or names its complaint (`complaintId`, or the signed proof's `workflowId` on an
 * Update's input), whose dealer the API looks up.
 */
export interface Named {
  dealers: Set<string>;
  complaints: Set<string>;
}

const MAX_DEPTH = 12;
const MAX_NODES = 20_000;

export function namedIn(value: unknown): Named {
  const named: Named = { dealers: new Set(), complaints: new Set() };
  let nodes = 0;
  let complete = true;
  const walk = (v: unknown, depth: number): void => {
    if (typeof v !== 'object' || v === null || !complete) return;
    if (depth > MAX_DEPTH || ++nodes > MAX_NODES) {
      complete = false;
      return;
    }
    if (Array.isArray(v)) {
      for (const item of v) walk(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(v)) {
      if (key === 'dealerId' && typeof child === 'string') named.dealers.add(child);
      else if (key === 'complaintId' && typeof child === 'string') named.complaints.add(child);
      else if (
        key === 'proof' &&
        typeof child === 'object' &&
        child !== null &&
        typeof (child as { workflowId?: unknown }).workflowId === 'string'
      ) {
        named.complaints.add((child as { workflowId: string }).workflowId);
      }
      walk(child, depth + 1);
    }
  };
  walk(value, 0);
  // Too deep or too large to be sure of every dealer it names: name none, so it is withheld.
  return complete ? named : { dealers: new Set(), complaints: new Set() };
}

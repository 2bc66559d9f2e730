/** Event ids, apart from the event schemas because workflows make them (see roster.ts). */

/** Deterministic, so a retried publish repeats the same CloudEvent id. */
export function eventId(complaintId: string, sequence: number): string {
  return `${complaintId}/${sequence}`;
}

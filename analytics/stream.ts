/**
 * From Kafka record to projection input: parse the binary-mode CloudEvent, drop duplicates,
 * notice gaps. A record that cannot be parsed is a poison message: it goes to the DLQ, not here.
 */
import { parseEventType, validateEventData, type EventName } from '../domain/events';
import type { IncomingRecord } from '../kafka';
import type { StreamEvent } from './projections';

export class PoisonMessage extends Error {}

export function readEvent(record: IncomingRecord): StreamEvent & { source: string } {
  const h = record.headers;
  if (h.ce_specversion !== '1.0')
    throw new PoisonMessage(`not a CloudEvents 1.0 record (ce_specversion=${h.ce_specversion ?? 'missing'})`);
  const type = parseEventType(h.ce_type ?? '');
  if (!type) throw new PoisonMessage(`unknown event type ${h.ce_type ?? '(missing)'}`);
  const sequence = Number(h.ce_sequence);
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new PoisonMessage(`bad ce_sequence ${h.ce_sequence ?? '(missing)'}`);
  const time = Date.parse(h.ce_time ?? '');
  if (Number.isNaN(time)) throw new PoisonMessage(`bad ce_time ${h.ce_time ?? '(missing)'}`);
  if (!h.ce_subject || !h.ce_source || !h.ce_dealerid)
    throw new PoisonMessage('missing ce_subject, ce_source or ce_dealerid');
  let data: unknown;
  try {
    data = JSON.parse(record.value?.toString('utf8') ?? '');
  } catch {
    throw new PoisonMessage('value is not JSON');
  }
  try {
    return {
      ...typedEvent(type.name, data, { complaintId: h.ce_subject, dealerId: h.ce_dealerid, sequence, time }),
      source: h.ce_source,
    };
  } catch (err) {
    throw new PoisonMessage(`data does not match ${type.name}.v${type.version}: ${(err as Error).message}`);
  }
}

/** The event with its data as the schema parsed it (not the raw JSON), as one member of the union. */
function typedEvent<N extends EventName>(
  name: N,
  raw: unknown,
  envelope: Omit<StreamEvent, 'name' | 'data'>,
): StreamEvent {
  const data = validateEventData(name, raw);
  // tsc cannot tie a generic N to its union member; validateEventData checked that pairing.
  return { ...envelope, name, data } as StreamEvent;
}

export interface Gap {
  complaintId: string;
  expected: number;
  got: number;
}

/**
 * Ids are `<subject>/<sequence>` and one complaint's events share a partition, so dropping
 * duplicates by (source, id) needs only the highest sequence seen per (source, subject).
 */
export class SequenceTracker {
  private readonly highest = new Map<string, number>();
  readonly gaps: Gap[] = [];
  duplicates = 0;

  /** True when the event is new; records a gap when numbers were skipped. */
  admit(e: { source: string; complaintId: string; sequence: number }): boolean {
    const key = `${e.source}|${e.complaintId}`;
    const last = this.highest.get(key) ?? 0;
    if (e.sequence <= last) {
      this.duplicates++;
      return false;
    }
    if (e.sequence !== last + 1) this.gaps.push({ complaintId: e.complaintId, expected: last + 1, got: e.sequence });
    this.highest.set(key, e.sequence);
    return true;
  }
}

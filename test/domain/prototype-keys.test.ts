import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { refusalStatus } from '../../api/errors';
import { addStaff, openStaffDirectory } from '../../api/staff-directory';
import { rendererFor } from '../../cli/commands/report';
import { stageEntries } from '../../cli/render';
import type { AuditEntry } from '../../domain/complaint';
import { EventDataError, isEventName, parseEventType, validateEventData, type EventName } from '../../domain/events';
import { LADDER } from '../../domain/ladder';
import { dictionary, hasOwnKey, ownValue } from '../../domain/own';
import { PolicySchema, type Policy } from '../../domain/policy';
import { EMPTY_ROSTER, recipientsFor, recipientsForRoles, rosterFor } from '../../domain/roster';
import { ROLES, type Role } from '../../domain/staff';
import { toStringHeaders } from '../../kafka/consumer';

/**
 * Every lookup keyed by outside data (dealer ids, staff ids, tokens, roles, event names, Kafka
 * header names, report names) must treat Object.prototype's names as unknown keys. A dealer id
 * "constructor" once made the roster lookup return a function and failed the workflow forever.
 */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);
const INHERITED = new Set<unknown>(
  PROTO_NAMES.map((n) => (Object.prototype as Record<string, unknown>)[n]).concat([Object.prototype]),
);

/** Prototype names, and any string, as a key. */
const anyKey = fc.oneof(fc.constantFrom(...PROTO_NAMES), fc.string());

it('covers the names the issue lists', () => {
  expect(PROTO_NAMES).toEqual(
    expect.arrayContaining(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']),
  );
});

const person = (staffId: string, role: Role) => ({ staffId, name: staffId, role });
const policyWith = (roster: unknown): Policy => PolicySchema.parse({ version: 'proto-test', roster });
const withStar = policyWith({
  '*': {
    tier1: [person('cs-any', 'customer_service')],
    tier2: [person('sm-any', 'service_manager')],
    tier3: [person('gm-any', 'general_manager')],
  },
  'SH-01': { tier1: [person('cs-sh', 'customer_service')] },
});
const withoutStar = policyWith({ 'SH-01': { tier1: [person('cs-sh', 'customer_service')] } });

describe.each(PROTO_NAMES)('key %s', (name) => {
  it('finds no roster of its own: the "*" roster, else the empty one', () => {
    expect(rosterFor(withStar, name)).toBe(withStar.roster['*']);
    expect(rosterFor(withoutStar, name)).toBe(EMPTY_ROSTER);
    expect(recipientsFor(withStar, name, 2)).toEqual([person('sm-any', 'service_manager')]);
    expect(recipientsFor(withoutStar, name, 1)).toEqual([]);
    expect(recipientsForRoles(withStar, name, ROLES)).toHaveLength(3);
    expect(recipientsForRoles(withoutStar, name, ROLES)).toEqual([]);
    expect(recipientsForRoles(withStar, 'SH-01', [name as Role])).toEqual([]);
  });

  it('is no event name', () => {
    expect(isEventName(name)).toBe(false);
    expect(parseEventType(`com.complaintladder.${name}.v1`)).toBeNull();
    expect(() => validateEventData(name as EventName, {})).toThrow(EventDataError);
  });

  it('maps to no refusal status, report renderer or ladder stage', () => {
    expect(refusalStatus(name)).toBeUndefined();
    expect(rendererFor(name)).toBeUndefined();
    expect(hasOwnKey(LADDER, name)).toBe(false);
    const audit: AuditEntry[] = [
      { at: 1, action: 'stage.entered', actor: 'system', summary: `opened at ${name}` },
      { at: 2, action: 'stage.entered', actor: 'system', summary: `latent → ${name} (auto)` },
    ] as AuditEntry[];
    expect([...stageEntries(audit).keys()]).toEqual([]);
  });

  it('is an absent Kafka header unless sent, and its own value when sent', () => {
    expect(toStringHeaders({})[name]).toBeUndefined();
    expect(toStringHeaders(undefined)[name]).toBeUndefined();
    // fromEntries makes an own "__proto__" property, as kafkajs does for a header of that name.
    const sent = toStringHeaders(Object.fromEntries([[name, Buffer.from('v')]]));
    expect(Object.hasOwn(sent, name)).toBe(true);
    expect(sent[name]).toBe('v');
  });

  it('finds nothing in domain/own and dashboard/js/own.js but own keys', () => {
    expect(ownValue({ a: 1 }, name)).toBeUndefined();
    expect(ownValue(Object.fromEntries([[name, 7]]), name)).toBe(7);
    expect(dictionary<number>()[name]).toBeUndefined();
    expect(dashboardOwn({ a: 1 }, name)).toBeUndefined();
    expect(dashboardOwn(Object.fromEntries([[name, 7]]), name)).toBe(7);
  });
});

it('a roster listing a dealer named like a prototype member finds that dealer', () => {
  const own = policyWith({
    constructor: { tier1: [person('cs-c', 'customer_service')] },
    toString: { tier3: [person('gm-t', 'general_manager')] },
  });
  expect(recipientsFor(own, 'constructor', 1)).toEqual([person('cs-c', 'customer_service')]);
  expect(recipientsForRoles(own, 'toString', ['general_manager'])).toEqual([person('gm-t', 'general_manager')]);
  expect(rosterFor(own, 'valueOf')).toBe(EMPTY_ROSTER);
});

it('any dealer id not on the roster gets the "*" roster, never an inherited member', () => {
  fc.assert(
    fc.property(anyKey, (dealerId) => {
      const roster = rosterFor(withStar, dealerId);
      expect(INHERITED.has(roster)).toBe(false);
      expect(roster).toBe(dealerId === 'SH-01' ? withStar.roster['SH-01'] : withStar.roster['*']);
      expect(Array.isArray(recipientsFor(withoutStar, dealerId, 3))).toBe(true);
    }),
  );
});

it('any key gives ownValue only own values', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.integer()), anyKey, (record, key) => {
      expect(ownValue(record, key)).toBe(Object.hasOwn(record, key) ? record[key] : undefined);
    }),
  );
});

describe('the staff directory', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-proto-'));
    file = path.join(dir, 'staff.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(PROTO_NAMES)('signs in no one with a token for unknown staff id %s', (name) => {
    addStaff({ id: 'cs-1', name: '李客服', role: 'customer_service', dealers: ['SH-01'] }, file);
    const directory = openStaffDirectory(file);
    expect(directory.authenticate(`${name}.${'A'.repeat(43)}`)).toBeNull();
  });

  it('signs in staff whose ids are prototype names, and only with their own token', () => {
    const ids = PROTO_NAMES.filter((n) => /^[A-Za-z0-9]/.test(n)); // the shape staff ids must have
    const tokens = new Map(
      ids.map((id) => [id, addStaff({ id, name: id, role: 'advisor', dealers: ['SH-01'] }, file).token]),
    );
    const directory = openStaffDirectory(file);
    for (const [id, token] of tokens) {
      expect(directory.authenticate(token)).toEqual({ id, name: id, role: 'advisor', dealers: ['SH-01'] });
      expect(directory.authenticate(`${id}.${'A'.repeat(43)}`)).toBeNull();
    }
  });
});

/** dashboard/js/own.js is a browser module; evaluated here from its source. */
function dashboardOwn(table: unknown, key: string): unknown {
  const source = readFileSync(path.join(__dirname, '../../dashboard/js/own.js'), 'utf8');
  const body = source.replace(/^export const own = /m, 'return ');
  return (new Function(body) as () => (t: unknown, k: string) => unknown)()(table, key);
}

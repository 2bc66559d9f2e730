import { ACTION_NAMES, ACTION_SCHEMAS } from '../../domain/actions';
import { advisor, reflection, serviceManager } from './fixtures';

const messagesOf = (name: keyof typeof ACTION_SCHEMAS, input: unknown) =>
  (ACTION_SCHEMAS[name].safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('action payloads', () => {
  it('has one schema per staff or supervisor action', () => {
    expect(ACTION_NAMES).toEqual([
      'acknowledge',
      'logContact',
      'proposeRemedy',
      'approveRemedy',
      'recordCustomerDecision',
      'escalate',
      'pauseClock',
      'resumeClock',
      'extendDeadline',
      'resolve',
      'recordFollowUp',
      'handOver',
      'close',
    ]);
  });

  it('always needs to know who acts', () => {
    for (const name of ACTION_NAMES) expect(messagesOf(name, {}).some((m) => m.startsWith('actor: '))).toBe(true);
  });

  it('treats a remedy without an amount as costing nothing, and refuses a negative amount', () => {
    expect(ACTION_SCHEMAS.proposeRemedy.parse({ actor: advisor, type: 'apology', description: 'Sorry' }).amount).toBe(
      0,
    );
    expect(messagesOf('proposeRemedy', { actor: advisor, type: 'gift', amount: -5, description: 'x' })).toEqual([
      'amount: amount must be zero or more',
    ]);
  });

  it('reads a deadline extension as a duration string or milliseconds', () => {
    const input = { actor: serviceManager, clock: 'resolve', reason: 'Parts arrive Monday' };
    expect(ACTION_SCHEMAS.extendDeadline.parse({ ...input, by: '4h' }).by).toBe(14_400_000);
    expect(ACTION_SCHEMAS.extendDeadline.parse({ ...input, by: 60_000 }).by).toBe(60_000);
    expect(messagesOf('extendDeadline', { ...input, by: 'a bit' })).toEqual(['by: expected a duration like "2h"']);
    expect(messagesOf('extendDeadline', { ...input, clock: 'follow_up', by: '1h' })[0]).toMatch(/^clock: /);
  });

  it('needs a reason for an upheld-policy decision', () => {
    expect(messagesOf('resolve', { actor: serviceManager, kind: 'upheld_policy' })).toEqual([
      'reason: an upheld-policy decision needs a reason',
    ]);
    expect(messagesOf('resolve', { actor: serviceManager, kind: 'remedy_accepted' })).toEqual([]);
  });

  it('needs an area and a description for a process defect, and all eight parts of a reflection report', () => {
    expect(
      messagesOf('close', { actor: serviceManager, rootCause: { kind: 'process_defect', area: 'delivery' } }),
    ).toEqual(['rootCause.description: Invalid input: expected string, received undefined']);
    expect(
      messagesOf('close', {
        actor: serviceManager,
        rootCause: { kind: 'incidental' },
        reflection: { ...reflection, goodResult: ' ' },
      }),
    ).toEqual(['reflection.goodResult: must not be empty']);
    expect(messagesOf('close', { actor: serviceManager, rootCause: { kind: 'incidental' }, reflection })).toEqual([]);
  });

  it('only escalates to a named rung, for a named driver, with a reason', () => {
    expect(messagesOf('escalate', { actor: advisor, to: 'heaven', driver: 'customer', reason: 'x' })[0]).toMatch(
      /^to: /,
    );
    expect(messagesOf('escalate', { actor: advisor, to: 'deadlock', driver: 'weather', reason: 'x' })[0]).toMatch(
      /^driver: /,
    );
    expect(messagesOf('escalate', { actor: advisor, to: 'deadlock', driver: 'customer', reason: '' })).toEqual([
      'reason: must not be empty',
    ]);
  });

  it('refuses fields an action does not have', () => {
    expect(messagesOf('acknowledge', { actor: advisor, stage: 'latent' })[0]).toMatch(/Unrecognized key/);
  });
});

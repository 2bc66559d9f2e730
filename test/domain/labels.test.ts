import { CATEGORY_LABELS, CHANNEL_LABELS, REMEDY_STATUS_LABELS, SEVERITY_LABELS } from '../../domain/labels';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../domain/ladder';

describe('one label per domain value, in both languages', () => {
  it.each([
    ['categories', CATEGORY_LABELS, CATEGORIES],
    ['channels', CHANNEL_LABELS, CHANNELS],
    ['severities', SEVERITY_LABELS, SEVERITIES],
    ['remedy statuses', REMEDY_STATUS_LABELS, ['awaiting_approval', 'proposed', 'accepted', 'declined']],
  ] as const)('labels every one of the %s, in order', (_what, labels, values) => {
    expect(Object.keys(labels)).toEqual([...values]);
    for (const label of Object.values(labels)) expect(label).toEqual({ en: expect.stringMatching(/\S/), zh: expect.stringMatching(/\S/) });
  });
});

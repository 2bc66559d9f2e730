import { CONTACT_METHODS, FOLLOW_UP_OUTCOMES, PAUSE_REASONS } from '../../domain/actions';
import { CLOCK_KINDS } from '../../domain/clock';
import { DEFECT_AREAS, ReflectionReportSchema } from '../../domain/closing';
import { COMPLAINT_STATUSES } from '../../domain/complaint';
import { CUSTOMER_TEMPLATES } from '../../domain/customer-notices';
import { EVENT_CATALOGUE } from '../../domain/events';
import * as L from '../../domain/labels';
import { CATEGORY_LABELS, CHANNEL_LABELS, REMEDY_STATUS_LABELS, SEVERITY_LABELS } from '../../domain/labels';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../domain/ladder';

describe('one label per domain value, in both languages', () => {
  it.each([
    ['categories', CATEGORY_LABELS, CATEGORIES],
    ['channels', CHANNEL_LABELS, CHANNELS],
    ['severities', SEVERITY_LABELS, SEVERITIES],
    ['remedy statuses', REMEDY_STATUS_LABELS, ['awaiting_approval', 'proposed', 'accepted', 'declined']],
    ['complaint statuses', L.COMPLAINT_STATUS_LABELS, COMPLAINT_STATUSES],
    ['clock kinds', L.CLOCK_KIND_LABELS, CLOCK_KINDS],
    ['clock statuses', L.CLOCK_STATUS_LABELS, ['running', 'paused', 'met', 'breached']],
    ['contact methods', L.CONTACT_METHOD_LABELS, CONTACT_METHODS],
    ['pause reasons', L.PAUSE_REASON_LABELS, PAUSE_REASONS],
    ['defect areas', L.DEFECT_AREA_LABELS, DEFECT_AREAS],
    [
      'reflection fields',
      L.REFLECTION_FIELD_LABELS,
      Object.keys(
        ReflectionReportSchema.parse(Object.fromEntries(Object.keys(L.REFLECTION_FIELD_LABELS).map((k) => [k, 'x']))),
      ),
    ],
    ['follow-up outcomes', L.FOLLOW_UP_OUTCOME_LABELS, FOLLOW_UP_OUTCOMES],
    ['customer templates', L.CUSTOMER_TEMPLATE_LABELS, CUSTOMER_TEMPLATES],
    ['entry triggers', L.ENTRY_TRIGGER_LABELS, EVENT_CATALOGUE['stage.entered'].schema.shape.trigger.options],
    [
      'resume triggers',
      L.RESUME_TRIGGER_LABELS,
      EVENT_CATALOGUE['clock.resumed'].schema.shape.trigger.unwrap().options,
    ],
  ] as const)('labels every one of the %s, in order', (_what, labels, values) => {
    expect(Object.keys(labels)).toEqual([...values]);
    for (const label of Object.values(labels))
      expect(label).toEqual({ en: expect.stringMatching(/\S/), zh: expect.stringMatching(/\S/) });
  });
});

// The detail page's action dialogs. Which actions, and which of their forms (resolve's kinds,
// escalate's drivers), come from GET /v1/complaints/{id}/actions: the workflow's own rules answer,
// so the page never re-implements one. The form's values are checked again when sent.
import { amount } from './format.js';
import { confirmDialog, openDialog, optionsOf } from './forms.js';
import {
  CLOCK_KINDS,
  CONTACT_METHODS,
  DEFECT_AREAS,
  getLang,
  label,
  PAUSE_REASONS,
  REFLECTION_FIELDS,
  REMEDY_TYPES,
  STAGES,
  stageBoth,
  t,
} from './i18n.js';
import { durationValid, extendNote, extendWarns, overCap, overCapQuestion, remedyAmountFields } from './guardrails.js';

/** The page's name for each action the API answers for (data-action values the tests find). */
export const ACTION_BUTTONS = {
  acknowledge: 'acknowledge',
  logContact: 'logContact',
  proposeRemedy: 'proposeRemedy',
  escalate: 'escalate',
  pauseClock: 'pause',
  resumeClock: 'resume',
  extendDeadline: 'extend',
  resolve: 'resolve',
  recordFollowUp: 'followUp',
  close: 'close',
};

/** Opens the dialog for `action` on complaint `c`; `perm` is the API's answer for it. */
export function openAction(action, { me, c, perm, authority, act }) {
  const lang = getLang();
  const forms = perm?.options ?? [];
  const specs = {
    acknowledge: { fields: [{ name: 'note', label: t('note'), type: 'textarea' }], to: 'acknowledge' },
    logContact: {
      to: 'contacts',
      fields: [
        {
          name: 'method',
          label: t('method'),
          type: 'select',
          options: optionsOf(CONTACT_METHODS, lang),
          required: true,
        },
        { name: 'summary', label: t('summary'), type: 'textarea', required: true },
      ],
    },
    proposeRemedy: {
      to: 'remedies',
      intro: `${t('withinCap')}: ${authority.authorityLeft === null ? t('unlimited') : amount(authority.authorityLeft, authority.currency)}. ${t('overCapNote')}`,
      fields: [
        { name: 'type', label: t('type'), type: 'select', options: optionsOf(REMEDY_TYPES, lang), required: true },
        ...remedyAmountFields(me, authority),
        { name: 'description', label: t('description'), type: 'textarea', required: true, wide: true },
      ],
      // Above the viewer's authority it goes to approval: say so, and to whom, before sending it.
      confirm: (v) => (overCap(authority, v.amount) ? overCapQuestion(me, authority, v) : null),
    },
    escalate: {
      to: 'escalate',
      fields: [
        {
          name: 'to',
          label: t('to'),
          type: 'select',
          required: true,
          options: STAGES.slice(STAGES.indexOf(c.stage) + 1).map((s) => ({ value: s, label: stageBoth(s) })),
        },
        {
          name: 'driver',
          label: t('driver'),
          type: 'radio',
          options: forms.map((d) => ({
            value: d,
            label: t(d === 'supervisor' ? 'driverSupervisor' : 'driverCustomer'),
          })),
        },
        { name: 'reason', label: t('reason'), type: 'textarea', required: true, wide: true },
      ],
    },
    pause: {
      to: 'pause',
      fields: [
        { name: 'reason', label: t('reason'), type: 'select', options: optionsOf(PAUSE_REASONS, lang), required: true },
        { name: 'note', label: t('note'), type: 'textarea' },
      ],
    },
    resume: { to: 'resume', fields: [{ name: 'note', label: t('note'), type: 'textarea' }] },
    extend: {
      to: 'extend',
      fields: [
        {
          name: 'clock',
          label: t('clock'),
          type: 'select',
          required: true,
          options: ['respond', 'resolve']
            .filter((k) =>
              c.clocks.some(
                (x) => x.kind === k && x.stage === c.stage && (x.status === 'running' || x.status === 'paused'),
              ),
            )
            .map((k) => ({ value: k, label: label(CLOCK_KINDS, k) })),
        },
        { name: 'by', label: t('by'), required: true, value: '2h', validate: durationValid },
        // Extending one clock while the other lapses sooner does not stop the climb: say so.
        { name: 'otherClock', type: 'note', text: (v) => extendNote(c, v), warn: (v) => extendWarns(c, v) },
        { name: 'reason', label: t('reason'), type: 'textarea', required: true, wide: true },
      ],
    },
    resolve: {
      to: 'resolve',
      fields: [
        {
          name: 'kind',
          label: t('kind'),
          type: 'radio',
          options: forms.map((k) => ({
            value: k,
            label: t(k === 'remedy_accepted' ? 'remedyAccepted' : 'upheldPolicy'),
          })),
        },
        {
          name: 'reason',
          label: t('reason'),
          type: 'textarea',
          required: true,
          showIf: (v) => v.kind === 'upheld_policy',
          wide: true,
        },
      ],
    },
    followUp: {
      to: 'follow-up',
      fields: [
        {
          name: 'satisfied',
          label: t('status'),
          type: 'radio',
          options: [
            { value: 'yes', label: t('satisfied') },
            { value: 'no', label: t('notSatisfied') },
            { value: 'unreachable', label: t('unreachable') },
          ],
        },
        // Before the planned time the call counts only if the customer rang us (SPEC: early follow-up).
        ...(Date.now() < (c.followUp?.scheduledFor ?? 0)
          ? [{ name: 'customerCalled', label: t('customerCalled'), type: 'checkbox' }]
          : []),
        { name: 'note', label: t('note'), type: 'textarea' },
      ],
      body: (v) => ({
        outcome: { yes: 'satisfied', no: 'not_satisfied', unreachable: 'unreachable' }[v.satisfied],
        ...(v.customerCalled ? { customerCalled: true } : {}),
        ...(v.note ? { note: v.note } : {}),
      }),
    },
    close: closeSpec({ reflection: !forms.includes('without_reflection'), reason: !forms.includes('without_reason') }),
  }[action];
  openDialog({
    action,
    title: `${t(action)} · ${c.complaintId}`,
    intro: specs.intro,
    fields: specs.fields,
    submitLabel: t(action),
    onSubmit: async (values) => {
      const question = specs.confirm?.(values);
      if (question && !(await confirmDialog(question))) return false;
      return act(specs.to, specs.body ? specs.body(values) : values, t(action));
    },
  });
}

/**
 * Closing: the root cause; seed 001's reflection report where the policy needs one; a reason when
 * the follow-up call never reached the customer.
 */
function closeSpec({ reflection, reason }) {
  const lang = getLang();
  return {
    to: 'close',
    fields: [
      {
        name: 'kind',
        label: t('rootCause'),
        type: 'radio',
        options: [
          { value: 'incidental', label: t('incidental') },
          { value: 'process_defect', label: t('processDefect') },
        ],
      },
      {
        name: 'area',
        label: t('area'),
        type: 'select',
        options: optionsOf(DEFECT_AREAS, lang),
        showIf: (v) => v.kind === 'process_defect',
      },
      {
        name: 'description',
        label: t('description'),
        type: 'textarea',
        required: true,
        showIf: (v) => v.kind === 'process_defect',
        wide: true,
      },
      ...(reason ? [{ name: 'reason', label: t('closeReason'), type: 'textarea', required: true, wide: true }] : []),
      ...(reflection
        ? [
            { name: 'reflection', label: t('reflection'), type: 'heading', hint: t('reflectionNeeded') },
            ...Object.keys(REFLECTION_FIELDS).map((k) => ({
              name: k,
              label: label(REFLECTION_FIELDS, k),
              type: 'textarea',
              rows: 2,
              required: true,
            })),
          ]
        : []),
    ],
    body: (v) => ({
      rootCause:
        v.kind === 'process_defect'
          ? { kind: 'process_defect', area: v.area, description: v.description }
          : { kind: 'incidental' },
      ...(reason ? { reason: v.reason } : {}),
      ...(reflection ? { reflection: Object.fromEntries(Object.keys(REFLECTION_FIELDS).map((k) => [k, v[k]])) } : {}),
    }),
  };
}

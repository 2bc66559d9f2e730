import { toast } from './app.js';
import { post, session } from './api.js';
import { h, replace } from './dom.js';
import { CATEGORIES, CHANNELS, getLang, SEVERITIES, stageBoth, STAGES, t } from './i18n.js';
import { applyVisibility, confirmDialog, field, readForm, showError, optionsOf, validateForm } from './forms.js';
import { fill } from './format.js';

const DEALER_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/; // api/staff-directory.ts

/**
 * The dealer is a choice, so a typo cannot file a complaint under a phantom dealer: a select of the
 * caller's dealers; for an all-dealers caller a field suggesting every known dealer (GET /v1/me
 * knownDealers), which warns, and asks before filing, when the name is not one of them.
 */
function dealerFields(me) {
  const known = me.knownDealers ?? [];
  if (!me.dealers.includes('*')) {
    const options = me.dealers.map((d) => ({ value: d, label: d }));
    return [
      {
        name: 'dealerId',
        label: t('dealer'),
        type: 'select',
        required: true,
        options: options.length > 1 ? [{ value: '', label: t('chooseDealer') }, ...options] : options,
      },
    ];
  }
  return [
    {
      name: 'dealerId',
      label: t('dealer'),
      required: true,
      placeholder: known[0] ?? 'SH-PUDONG-01',
      datalist: known,
      validate: (raw) => (DEALER_ID_SHAPE.test(raw) ? null : t('dealerShape')),
    },
    {
      name: 'dealerNote',
      type: 'note',
      text: (v) => (v.dealerId && !known.includes(v.dealerId) ? t('dealerUnknown') : null),
      warn: () => true,
    },
  ];
}

/** Intake (SPEC §3): the caller is recorded as the first person contacted (首问责任). */
export function mountIntake(root) {
  const me = session.me;
  const lang = getLang();
  const known = me.knownDealers ?? [];
  const specs = [
    { name: 'h1', type: 'heading', label: t('customer') },
    ...dealerFields(me),
    { name: 'customerName', label: t('customerName'), required: true, maxlength: 100 },
    { name: 'phone', label: t('phone'), type: 'tel', required: true, placeholder: '138 1234 5678' },
    { name: 'plate', label: t('plate'), placeholder: '沪A12345', maxlength: 16 },
    { name: 'vin', label: t('vin'), placeholder: 'LSVAU2180N2183294', maxlength: 17 },
    { name: 'repairOrderNo', label: t('repairOrder'), placeholder: 'RO-2026-0001', maxlength: 64 },
    { name: 'h2', type: 'heading', label: t('complaintSection') },
    {
      name: 'channel',
      label: t('channel'),
      type: 'select',
      required: true,
      options: optionsOf(CHANNELS, lang),
      value: 'phone',
    },
    { name: 'category', label: t('category'), type: 'select', required: true, options: optionsOf(CATEGORIES, lang) },
    {
      name: 'severity',
      label: t('severity'),
      type: 'select',
      required: true,
      options: optionsOf(SEVERITIES, lang),
      value: 'medium',
    },
    {
      name: 'startingStage',
      label: t('startingStage'),
      type: 'select',
      options: [{ value: '', label: t('auto') }, ...STAGES.map((s) => ({ value: s, label: stageBoth(s) }))],
    },
    {
      name: 'description',
      label: t('description'),
      type: 'textarea',
      required: true,
      rows: 4,
      wide: true,
      maxlength: 4000,
    },
    { name: 'reportedByStaff', label: t('staffReported'), type: 'checkbox' },
  ];
  const submit = h('button.btn.primary', { type: 'submit', dataset: { submit: 'intake' } }, t('openComplaint'));
  const form = h(
    'form.panel.intake',
    { novalidate: false },
    h('p.form-error', { role: 'alert', hidden: true }),
    h(
      'div.form-grid.two',
      specs.map((s) => field(s, () => applyVisibility(form, specs))),
    ),
    h('footer.form-foot', h('a.btn', { href: '#/board' }, t('cancel')), submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    validateForm(form);
    if (!form.reportValidity()) return;
    const v = readForm(form, specs);
    if (
      me.dealers.includes('*') &&
      !known.includes(v.dealerId) &&
      !(await confirmDialog({
        action: 'confirm-dealer',
        question: fill(t('dealerUnknownConfirm'), { dealer: v.dealerId }),
      }))
    )
      return;
    const body = {
      dealerId: v.dealerId,
      customer: { name: v.customerName, phone: v.phone },
      vehicle: { ...(v.plate ? { plate: v.plate } : {}), ...(v.vin ? { vin: v.vin } : {}) },
      ...(v.repairOrderNo ? { repairOrderNo: v.repairOrderNo } : {}),
      channel: v.channel,
      category: v.category,
      severity: v.severity,
      description: v.description,
      ...(v.startingStage ? { startingStage: v.startingStage } : {}),
      ...(v.reportedByStaff ? { reportedByStaff: true } : {}),
    };
    submit.disabled = true;
    try {
      const res = await post('/v1/complaints', body);
      const id = res.complaint?.complaintId ?? res.complaintId;
      toast(`${t('opened')} ${id}`, 'ok');
      location.hash = '#/board';
    } catch (err) {
      // Field paths come back as customer.phone, vehicle, …: point at the inputs that hold them.
      if (err.details)
        err.details = err.details.map((d) => ({
          ...d,
          path: String(d.path)
            .replace('customer.name', 'customerName')
            .replace(/^vehicle$/, 'plate'),
        }));
      showError(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, h('div.page-head', h('div', h('h1', t('intakeTitle')), h('p.muted', t('intakeHint')))), form);
  applyVisibility(form, specs);
  form.querySelector('input[name=customerName]')?.focus();
}

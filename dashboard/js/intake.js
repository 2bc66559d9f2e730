import { toast } from './app.js';
import { post, session } from './api.js';
import { h, replace } from './dom.js';
import { CATEGORIES, CHANNELS, getLang, SEVERITIES, stageBoth, STAGES, t } from './i18n.js';
import { field, readForm, showError, optionsOf } from './forms.js';

/** Intake (SPEC §3): the caller is recorded as the first person contacted (首问责任). */
export function mountIntake(root) {
  const me = session.me;
  const lang = getLang();
  const anyDealer = me.dealers.includes('*');
  const specs = [
    { name: 'h1', type: 'heading', label: t('customer') },
    anyDealer
      ? { name: 'dealerId', label: t('dealer'), required: true, placeholder: 'SH-PUDONG-01' }
      : { name: 'dealerId', label: t('dealer'), type: 'select', required: true, options: me.dealers.map((d) => ({ value: d, label: d })) },
    { name: 'customerName', label: t('customerName'), required: true, maxlength: 100 },
    { name: 'phone', label: t('phone'), type: 'tel', required: true, placeholder: '138 1234 5678' },
    { name: 'plate', label: t('plate'), placeholder: '沪A12345', maxlength: 16 },
    { name: 'vin', label: t('vin'), placeholder: 'LSVAU2180N2183294', maxlength: 17 },
    { name: 'repairOrderNo', label: t('repairOrder'), placeholder: 'RO-2026-0001', maxlength: 64 },
    { name: 'h2', type: 'heading', label: t('complaintSection') },
    { name: 'channel', label: t('channel'), type: 'select', required: true, options: optionsOf(CHANNELS, lang), value: 'phone' },
    { name: 'category', label: t('category'), type: 'select', required: true, options: optionsOf(CATEGORIES, lang) },
    { name: 'severity', label: t('severity'), type: 'select', required: true, options: optionsOf(SEVERITIES, lang), value: 'medium' },
    { name: 'startingStage', label: t('startingStage'), type: 'select', options: [{ value: '', label: t('auto') }, ...STAGES.map((s) => ({ value: s, label: stageBoth(s) }))] },
    { name: 'description', label: t('description'), type: 'textarea', required: true, rows: 4, wide: true, maxlength: 4000 },
    { name: 'reportedByStaff', label: t('staffReported'), type: 'checkbox' },
  ];
  const submit = h('button.btn.primary', { type: 'submit', dataset: { submit: 'intake' } }, t('openComplaint'));
  const form = h('form.panel.intake', { novalidate: false },
    h('p.form-error', { role: 'alert', hidden: true }),
    h('div.form-grid.two', specs.map((s) => field(s))),
    h('footer.form-foot', h('a.btn', { href: '#/board' }, t('cancel')), submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = readForm(form, specs);
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
      if (err.details) err.details = err.details.map((d) => ({ ...d, path: String(d.path).replace('customer.name', 'customerName').replace(/^vehicle$/, 'plate') }));
      showError(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  replace(root,
    h('div.page-head', h('div', h('h1', t('intakeTitle')), h('p.muted', t('intakeHint')))),
    form,
  );
  form.querySelector('input[name=customerName]')?.focus();
}

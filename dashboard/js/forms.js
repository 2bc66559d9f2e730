import { h } from './dom.js';
import { t } from './i18n.js';
import { amount as amountText, amountInWords, parseAmount } from './format.js';
import { errorDetails, errorText } from './errors.js';

let listIds = 0;

/**
 * A form field. type: text | textarea | number | money | select | radio | checkbox | heading | note.
 * showIf(values) hides the field (and leaves it out of the values) when false.
 * validate(raw) returns why the typed text is refused (shown in place, and the form will not
 * submit), or null. A money field refuses what parseAmount refuses (1.5e9 among them).
 * A note is live text: text(values) is shown and re-read on every change (a warning, a preview).
 * datalist: suggestions for a text field.
 */
export function field(spec, onChange) {
  const { name, type = 'text', required, value, options = [], placeholder, hint, min, step, maxlength } = spec;
  let control;
  if (type === 'heading')
    return h('h3.form-heading', { dataset: { field: name } }, spec.label, hint ? h('small', hint) : null);
  if (type === 'note')
    return h('p.dialog-note', {
      dataset: { field: name, note: name },
      role: 'status',
      'aria-live': 'polite',
      hidden: true,
    });
  if (type === 'money') {
    control = h('input', {
      name,
      type: 'text',
      inputmode: 'decimal',
      required,
      value: value ?? '',
      placeholder: placeholder ?? '0',
      autocomplete: 'off',
      maxlength: 20,
    });
    const check = spec.validate;
    spec = {
      ...spec,
      validate: (raw) => {
        const p = parseAmount(raw);
        return p.error ? t(p.error) : check ? check(p.value) : null;
      },
    };
  }
  if (type === 'textarea')
    control = h(
      'textarea',
      { name, required, rows: spec.rows ?? 3, placeholder, maxlength: maxlength ?? 2000 },
      value ?? '',
    );
  else if (type === 'select') {
    control = h(
      'select',
      { name, required },
      options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(value ?? '') }, o.label)),
    );
  } else if (type === 'radio') {
    control = h(
      'div.radios',
      options.map((o, i) =>
        h(
          'label.radio',
          h('input', {
            type: 'radio',
            name,
            value: o.value,
            checked: value !== undefined ? String(o.value) === String(value) : i === 0,
          }),
          h('span', o.label),
        ),
      ),
    );
  } else if (type === 'checkbox') {
    return h(
      'label.check',
      { dataset: { field: name } },
      h('input', { type: 'checkbox', name, checked: Boolean(value) }),
      h('span', spec.label),
    );
  } else if (type !== 'money') {
    control = h('input', {
      name,
      type,
      required,
      value: value ?? '',
      placeholder,
      min,
      step,
      autocomplete: 'off',
      maxlength,
    });
  }
  let list = null;
  if (spec.datalist?.length) {
    list = h(
      'datalist',
      { id: `field-list-${++listIds}` },
      spec.datalist.map((v) => h('option', { value: v })),
    );
    control.setAttribute('list', list.id);
  }
  if (spec.validate) {
    const run = () => validateControl(control, spec.validate);
    control.addEventListener('input', run);
    control.addEventListener('blur', run);
    control.dataset.validated = '';
    control.validateNow = run;
  }
  if (onChange) control.addEventListener('input', onChange);
  if (onChange) control.addEventListener('change', onChange);
  // A radio group is a fieldset named by its legend; any other control is named by its label.
  return h(
    `${type === 'radio' ? 'fieldset' : 'label'}.field`,
    { dataset: { field: name }, class: spec.wide ? 'wide' : '' },
    h(type === 'radio' ? 'legend' : 'span', spec.label, required ? h('em.req', ' *') : null),
    control,
    list,
    hint ? h('small.hint', hint) : null,
    h('small.field-error', { hidden: true }),
  );
}

/** Marks a control refused with `message` (or clears it): in place, aria-invalid, and for reportValidity. */
export function markInvalid(control, message) {
  const wrap = control.closest('[data-field]');
  const slot = wrap?.querySelector('.field-error');
  control.setCustomValidity(message ?? '');
  if (message) {
    control.setAttribute('aria-invalid', 'true');
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
      slot.id ||= `field-error-${++errorIds}`;
      control.setAttribute('aria-describedby', slot.id);
    }
  } else {
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
    if (slot) slot.hidden = true;
  }
}

function validateControl(control, validate) {
  const raw = control.value.trim();
  // An empty optional field is fine; an empty required one is the browser's own "required" check.
  markInvalid(control, raw === '' ? null : validate(raw));
}

/** Runs every field's own check now, as a submit would. */
export function validateForm(form) {
  for (const el of form.querySelectorAll('[data-validated]')) if (!el.disabled) el.validateNow?.();
}

/** "¥10,000.00 · 一万元整": what an amount field's live note says, with `extra` lines after it. */
export function amountNote(raw, extra = () => []) {
  const p = parseAmount(raw ?? '');
  if (p.error) return null;
  return [`${amountText(p.value)} · ${t('inWords')}${t('colon')}${amountInWords(p.value)}`, ...extra(p.value)]
    .filter(Boolean)
    .join('\n');
}

/** Reads the visible fields: numbers as numbers, checkboxes as booleans, blank optional text left out. */
export function readForm(form, specs) {
  const values = {};
  for (const spec of specs) {
    if (spec.type === 'heading' || spec.type === 'note' || !spec.name) continue;
    const wrap = form.querySelector(`[data-field="${spec.name}"]`);
    if (!wrap || wrap.hidden) continue;
    if (spec.type === 'checkbox') {
      values[spec.name] = wrap.querySelector('input').checked;
      continue;
    }
    const el = spec.type === 'radio' ? wrap.querySelector('input:checked') : form.elements.namedItem(spec.name);
    const raw = el?.value?.trim() ?? '';
    if (raw === '') continue;
    values[spec.name] =
      spec.type === 'number' ? Number(raw) : spec.type === 'money' ? (parseAmount(raw).value ?? raw) : raw;
  }
  return values;
}

/** Shows and hides the fields whose showIf changed, and re-reads the live notes. */
export function applyVisibility(form, specs) {
  const values = readForm(
    form,
    specs.filter((s) => !s.showIf),
  );
  for (const spec of specs) {
    if (!spec.showIf || !spec.name) continue;
    const wrap = form.querySelector(`[data-field="${spec.name}"]`);
    const show = spec.showIf(values);
    wrap.hidden = !show;
    for (const el of wrap.querySelectorAll('input, select, textarea')) el.disabled = !show;
  }
  const all = readForm(form, specs);
  for (const spec of specs) {
    if (spec.type !== 'note') continue;
    const el = form.querySelector(`[data-note="${spec.name}"]`);
    const text = spec.text(all);
    el.hidden = !text;
    el.textContent = text ?? '';
    el.classList.toggle('warn', Boolean(text && spec.warn?.(all)));
  }
}

let errorIds = 0;

/**
 * Puts an API error on the form: field messages under their fields, the rest at the top. Each
 * refused control is marked aria-invalid and described by its message, and focus moves to the
 * first one (or to the message at the top), so a keyboard or screen-reader user lands on the fix.
 */
export function showError(form, err) {
  for (const el of form.querySelectorAll('.field-error')) el.hidden = true;
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
  const top = form.querySelector('.form-error');
  const unplaced = [];
  // Localised (errors.js): the field's own name and message, and the error code's sentence at the top.
  for (const d of errorDetails(err)) {
    const key = d.path.split('.');
    const wrap = [...form.querySelectorAll('[data-field]')].find((w) => key.includes(w.dataset.field));
    const slot = wrap?.querySelector('.field-error');
    if (slot) {
      slot.textContent = d.message;
      slot.hidden = false;
      slot.id ||= `field-error-${++errorIds}`;
      for (const control of wrap.querySelectorAll('input, select, textarea')) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', slot.id);
      }
    } else unplaced.push(`${d.field}${t('colon')}${d.message}`);
  }
  top.textContent = [errorText(err), ...unplaced].join(' — ');
  top.hidden = false;
  const first = form.querySelector('[aria-invalid=true]:not([disabled])');
  if (first) first.focus();
  else {
    top.tabIndex = -1;
    top.focus();
  }
}

/**
 * A modal form. onSubmit gets the values; a thrown ApiError is shown in the dialog, and an
 * onSubmit that returns false (a confirmation declined) leaves the dialog open as it was.
 */
export function openDialog({
  title,
  intro,
  fields: specs,
  submitLabel = t('submit'),
  danger = false,
  onSubmit,
  action,
}) {
  const dialog = h('dialog.dialog', { dataset: { dialog: action ?? '' } });
  const submit = h(
    `button.btn.${danger ? 'danger' : 'primary'}`,
    { type: 'submit', dataset: { submit: action ?? '' } },
    submitLabel,
  );
  const form = h(
    'form.dialog-form',
    { method: 'dialog', novalidate: false },
    h(
      'header.dialog-head',
      h('h2', title),
      h('button.icon-button', { type: 'button', 'aria-label': t('cancel'), onclick: () => close() }, '×'),
    ),
    intro ? h('p.dialog-intro', intro) : null,
    h('p.form-error', { role: 'alert', hidden: true }),
    h(
      'div.form-grid',
      specs.map((s) => field(s, () => applyVisibility(form, specs))),
    ),
    h('footer.dialog-foot', h('button.btn', { type: 'button', onclick: () => close() }, t('cancel')), submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    validateForm(form);
    if (!form.reportValidity()) {
      form.querySelector(':invalid:not(fieldset)')?.focus();
      return;
    }
    submit.disabled = true;
    try {
      if ((await onSubmit(readForm(form, specs))) !== false) close();
    } catch (err) {
      showError(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  const opener = document.activeElement;
  const close = () => {
    dialog.close();
    dialog.remove();
    returnFocus(opener);
  };
  dialog.addEventListener('cancel', () => {
    dialog.remove();
    returnFocus(opener);
  });
  dialog.append(form);
  document.body.append(dialog);
  applyVisibility(form, specs);
  dialog.showModal();
  form.querySelector('input:not([type=radio]):not([type=checkbox]), textarea, select')?.focus();
  return dialog;
}

export const optionsOf = (table, lang) =>
  Object.entries(table).map(([value, l]) => ({ value, label: l[lang] ?? value }));

/**
 * Asks before something that is hard to take back (an approval, an amount above one's authority):
 * the amount in figures and in words, and what will follow. Resolves true on Confirm.
 */
export function confirmDialog({
  title = t('confirmTitle'),
  question,
  amount,
  currency,
  lines = [],
  confirmLabel = t('confirm'),
  action = 'confirm',
}) {
  return new Promise((resolve) => {
    const dialog = h('dialog.dialog.confirm-dialog', {
      dataset: { dialog: action },
      'aria-labelledby': `confirm-title-${action}`,
    });
    let answered = false;
    const opener = document.activeElement;
    const finish = (yes) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      returnFocus(opener);
      resolve(yes);
    };
    const yes = h(
      'button.btn.primary',
      { type: 'button', dataset: { confirm: 'yes' }, onclick: () => finish(true) },
      confirmLabel,
    );
    dialog.append(
      h(
        'div.dialog-form',
        h('header.dialog-head', h('h2', { id: `confirm-title-${action}` }, title)),
        question ? h('p.confirm-question', question) : null,
        amount !== undefined
          ? h(
              'p.confirm-amount',
              h('strong', { dataset: { amount: String(amount) } }, amountText(amount, currency)),
              h('span.confirm-words', { dataset: { words: '' } }, amountInWords(amount, currency)),
            )
          : null,
        lines.filter(Boolean).map((l) => h('p.confirm-line', l)),
        h(
          'footer.dialog-foot',
          h('button.btn', { type: 'button', dataset: { confirm: 'no' }, onclick: () => finish(false) }, t('cancel')),
          yes,
        ),
      ),
    );
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    yes.focus();
  });
}

/**
 * Focus back where the dialog was opened from; if a redraw replaced that button meanwhile, to its
 * successor with the same action.
 */
function returnFocus(opener) {
  if (!opener || opener === document.body) return;
  if (opener.isConnected) {
    opener.focus();
    return;
  }
  const { action, remedyAction } = opener.dataset ?? {};
  const selector = action
    ? `[data-action="${CSS.escape(action)}"]`
    : remedyAction
      ? `[data-remedy-action="${CSS.escape(remedyAction)}"]`
      : null;
  if (selector) document.querySelector(selector)?.focus();
}

import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * A form field. type: text | textarea | number | select | radio | checkbox | heading.
 * showIf(values) hides the field (and leaves it out of the values) when false.
 */
export function field(spec, onChange) {
  const { name, type = 'text', required, value, options = [], placeholder, hint, min, step, maxlength } = spec;
  let control;
  if (type === 'heading') return h('h3.form-heading', { dataset: { field: name } }, spec.label, hint ? h('small', hint) : null);
  if (type === 'textarea') control = h('textarea', { name, required, rows: spec.rows ?? 3, placeholder, maxlength: maxlength ?? 2000 }, value ?? '');
  else if (type === 'select') {
    control = h('select', { name, required },
      options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(value ?? '') }, o.label)));
  } else if (type === 'radio') {
    control = h('div.radios', options.map((o, i) => h('label.radio',
      h('input', { type: 'radio', name, value: o.value, checked: value !== undefined ? String(o.value) === String(value) : i === 0 }),
      h('span', o.label))));
  } else if (type === 'checkbox') {
    return h('label.check', { dataset: { field: name } }, h('input', { type: 'checkbox', name, checked: Boolean(value) }), h('span', spec.label));
  } else {
    control = h('input', { name, type, required, value: value ?? '', placeholder, min, step, autocomplete: 'off', maxlength });
  }
  if (onChange) control.addEventListener('input', onChange);
  if (onChange) control.addEventListener('change', onChange);
  return h(`${type === 'radio' ? 'div' : 'label'}.field`, { dataset: { field: name }, class: spec.wide ? 'wide' : '' },
    h('span', spec.label, required ? h('em.req', ' *') : null),
    control,
    hint ? h('small.hint', hint) : null,
    h('small.field-error', { hidden: true }),
  );
}

/** Reads the visible fields: numbers as numbers, checkboxes as booleans, blank optional text left out. */
export function readForm(form, specs) {
  const values = {};
  for (const spec of specs) {
    if (spec.type === 'heading' || !spec.name) continue;
    const wrap = form.querySelector(`[data-field="${spec.name}"]`);
    if (!wrap || wrap.hidden) continue;
    if (spec.type === 'checkbox') {
      values[spec.name] = wrap.querySelector('input').checked;
      continue;
    }
    const el = spec.type === 'radio' ? wrap.querySelector('input:checked') : form.elements.namedItem(spec.name);
    const raw = el?.value?.trim() ?? '';
    if (raw === '') continue;
    values[spec.name] = spec.type === 'number' ? Number(raw) : raw;
  }
  return values;
}

function applyVisibility(form, specs) {
  const values = readForm(form, specs.filter((s) => !s.showIf));
  for (const spec of specs) {
    if (!spec.showIf || !spec.name) continue;
    const wrap = form.querySelector(`[data-field="${spec.name}"]`);
    const show = spec.showIf(values);
    wrap.hidden = !show;
    for (const el of wrap.querySelectorAll('input, select, textarea')) el.disabled = !show;
  }
}

/** Puts an API error on the form: field messages under their fields, the rest at the top. */
export function showError(form, err) {
  for (const el of form.querySelectorAll('.field-error')) el.hidden = true;
  const top = form.querySelector('.form-error');
  const unplaced = [];
  for (const d of err instanceof ApiError ? err.details : []) {
    const key = String(d.path ?? '').split('.');
    const wrap = [...form.querySelectorAll('[data-field]')].find((w) => key.includes(w.dataset.field));
    const slot = wrap?.querySelector('.field-error');
    if (slot) {
      slot.textContent = d.message;
      slot.hidden = false;
    } else unplaced.push(`${d.path}: ${d.message}`);
  }
  top.textContent = [err.message, ...unplaced].join(' — ');
  top.hidden = false;
}

/** A modal form. onSubmit gets the values; a thrown ApiError is shown in the dialog. */
export function openDialog({ title, intro, fields: specs, submitLabel = t('submit'), danger = false, onSubmit, action }) {
  const dialog = h('dialog.dialog', { dataset: { dialog: action ?? '' } });
  const submit = h(`button.btn.${danger ? 'danger' : 'primary'}`, { type: 'submit', dataset: { submit: action ?? '' } }, submitLabel);
  const form = h('form.dialog-form', { method: 'dialog', novalidate: false },
    h('header.dialog-head', h('h2', title), h('button.icon-button', { type: 'button', 'aria-label': t('cancel'), onclick: () => close() }, '×')),
    intro ? h('p.dialog-intro', intro) : null,
    h('p.form-error', { role: 'alert', hidden: true }),
    h('div.form-grid', specs.map((s) => field(s, () => applyVisibility(form, specs)))),
    h('footer.dialog-foot',
      h('button.btn', { type: 'button', onclick: () => close() }, t('cancel')),
      submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    submit.disabled = true;
    try {
      await onSubmit(readForm(form, specs));
      close();
    } catch (err) {
      showError(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.addEventListener('cancel', () => dialog.remove());
  dialog.append(form);
  document.body.append(dialog);
  applyVisibility(form, specs);
  dialog.showModal();
  form.querySelector('input:not([type=radio]):not([type=checkbox]), textarea, select')?.focus();
  return dialog;
}

export const optionsOf = (table, lang) => Object.entries(table).map(([value, l]) => ({ value, label: l[lang] ?? value }));

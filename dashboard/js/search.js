import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * The search box: id, plate, VIN, RO number, customer name or phone, as GET /v1/complaints?q=
 * matches them (the API normalises spaces, dashes and +86). onSearch(text | null).
 */
export function searchBox(initial, onSearch) {
  const input = h('input.select.search-input', {
    type: 'search',
    name: 'q',
    value: initial ?? '',
    maxlength: 100,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: t('searchPlaceholder'),
    'aria-label': t('searchLabel'),
  });
  const clear = h(
    'button.btn.small',
    {
      type: 'button',
      hidden: !initial,
      'aria-label': t('clearSearch'),
      dataset: { clearSearch: '' },
      onclick: () => {
        input.value = '';
        clear.hidden = true;
        onSearch(null);
        input.focus();
      },
    },
    '×',
  );
  const form = h(
    'form.search',
    {
      role: 'search',
      onsubmit: (e) => {
        e.preventDefault();
        const q = input.value.trim();
        clear.hidden = !q;
        onSearch(q || null);
      },
    },
    input,
    h('button.btn', { type: 'submit' }, t('search')),
    clear,
  );
  // The field's own clear control (×) empties it: show everything again.
  input.addEventListener('search', () => {
    if (!input.value) form.requestSubmit();
  });
  return form;
}

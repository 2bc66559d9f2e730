// Signing in again over the page, when the API stops accepting this tab's token. Nothing beneath is
// redrawn, so the forms and dialogs there keep what was typed, and the refused call is sent again
// once a token is accepted (api.js).
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { clearRefusal, refuseToken } from './login.js';

/**
 * Asks `me` (the staff member signed in so far) for a token. `result` resolves { token, me } once
 * one is accepted, or null on Sign out; accept() and dismiss() settle it from outside, when another
 * tab signs in or out first.
 */
export function askToSignInAgain(me) {
  let settle;
  const result = new Promise((resolve) => (settle = resolve));
  const opener = document.activeElement;
  const input = h('input#resignin-token', {
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'resignin-hint',
  });
  const error = h('p#resignin-error.form-error', { role: 'alert', hidden: true });
  const submit = h('button.btn.primary', { type: 'submit', dataset: { submit: 'signInAgain' } }, t('signIn'));
  const form = h(
    'form.dialog-form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        const token = input.value.trim();
        if (!token) return input.focus();
        submit.disabled = true;
        clearRefusal(input, error, 'resignin-hint');
        try {
          finish({ token, me: await api('GET', '/v1/me', undefined, token) });
        } catch (err) {
          refuseToken(input, error, err, 'resignin-hint');
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('header.dialog-head', h('h2#resignin-title', t('signInAgainTitle'))),
    h('p#resignin-intro.dialog-intro', t('signInAgainIntro').replace('{name}', me.name)),
    error,
    h('label.field', h('span', t('token')), input),
    h('p#resignin-hint.hint', t('signInAgainHint')),
    h(
      'footer.dialog-foot',
      h('button.btn', { type: 'button', dataset: { signOut: '' }, onclick: () => finish(null) }, t('signOut')),
      submit,
    ),
  );
  const dialog = h(
    'dialog.dialog.resignin-dialog',
    {
      dataset: { dialog: 'signInAgain' },
      'aria-labelledby': 'resignin-title',
      'aria-describedby': 'resignin-intro',
    },
    form,
  );

  let done = false;
  function finish(value) {
    if (done) return;
    done = true;
    dialog.close();
    dialog.remove();
    if (opener?.isConnected) opener.focus();
    settle(value);
  }
  // Escape would leave the page on a dead token: the dialog stays until Sign in or Sign out.
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') e.preventDefault();
  });
  dialog.addEventListener('cancel', (e) => e.preventDefault());
  // Chromium closes anyway on a second Escape without a click between: open it again.
  dialog.addEventListener('close', () => {
    if (done) return;
    dialog.showModal();
    input.focus();
  });

  document.body.append(dialog);
  dialog.showModal();
  input.focus();
  return { result, accept: (token, who) => finish({ token, me: who }), dismiss: () => finish(null) };
}

import { api, ApiError, session } from './api.js';
import { h } from './dom.js';
import { errorText } from './errors.js';
import { getLang, setLang, t } from './i18n.js';

/** The token field marked refused, saying why, with focus back on it (sign-in and re-sign-in alike). */
export function refuseToken(input, error, err, hintId) {
  error.textContent = err instanceof ApiError && err.status === 401 ? t('tokenRefused') : errorText(err);
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', `${error.id} ${hintId}`);
  input.focus();
  input.select();
}

/** The token field as it was before a refusal. */
export function clearRefusal(input, error, hintId) {
  error.hidden = true;
  input.removeAttribute('aria-invalid');
  input.setAttribute('aria-describedby', hintId);
}

export function mountLogin(root, onSignedIn) {
  const input = h('input#token', {
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'sm-01.xxxxxxxx…',
    'aria-describedby': 'token-hint',
  });
  const error = h('p#token-error.form-error', { role: 'alert', hidden: true });
  const button = h('button.btn.primary.wide', { type: 'submit' }, t('signIn'));
  const form = h(
    'form.login-card',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        const token = input.value.trim();
        if (!token) return;
        button.disabled = true;
        clearRefusal(input, error, 'token-hint');
        try {
          const me = await api('GET', '/v1/me', undefined, token);
          session.token = token;
          onSignedIn(me);
        } catch (err) {
          // Back to the token, which now says it was refused and why.
          refuseToken(input, error, err, 'token-hint');
        } finally {
          button.disabled = false;
        }
      },
    },
    h(
      'div.login-brand',
      h('img', { src: '/dashboard/icon.svg', alt: '', width: 44, height: 44 }),
      h('div', h('h1', t('appName')), h('p.muted', '潜伏 · 异议 · 抱怨 · 投诉 · 僵局 · 公开行动')),
    ),
    h('h2', t('signInTitle')),
    h('label.field', h('span', t('token')), input),
    h('p#token-hint.hint', t('signInHintShared')),
    error,
    button,
    h(
      'button.link-button.lang-switch',
      { type: 'button', onclick: () => setLang(getLang() === 'zh' ? 'en' : 'zh') },
      t('language'),
    ),
  );
  root.replaceChildren(h('div.login-wrap', form));
  input.focus();
}

import { get, session } from './api.js';
import { h } from './dom.js';
import { getLang, label, onLangChange, ROLES, setLang, t } from './i18n.js';
import { mountLogin } from './login.js';
import { mountBoard } from './board.js';
import { mountDetail } from './detail.js';
import { mountIntake } from './intake.js';
import { mountAnalytics } from './analytics.js';
import { loadVocabulary } from './vocabulary.js';
import { announceSignIn, askOpenTabs, signOut, startSession } from './session.js';
import { followCodecSession } from './codec-session.js';

const view = document.getElementById('view');
let unmount = () => {};

/** Hash routes: #/login, #/board, #/new, #/complaint/<id>, #/analytics; a route's own ?query is its page's to read. */
function route() {
  const hash = location.hash.replace(/^#\/?/, '').split('?')[0];
  const [name = 'board', ...rest] = hash.split('/');
  return { name: name || 'board', param: rest.length ? decodeURIComponent(rest.join('/')) : undefined };
}

async function render() {
  unmount();
  unmount = () => {};
  const { name, param } = route();
  if (!session.me && session.token) {
    try {
      session.me = await get('/v1/me');
    } catch {
      session.token = null;
    }
  }
  if (!session.me) {
    showChrome(false);
    unmount =
      mountLogin(view, async (me) => {
        session.me = me;
        announceSignIn();
        if (route().name === 'login') location.hash = '#/board';
        else await render();
      }) ?? unmount;
    return;
  }
  // The domain's words (stages, roles, categories…) come from the API, defined once in domain/.
  await loadVocabulary();
  showChrome(true, name);
  const mount = { board: mountBoard, new: mountIntake, complaint: mountDetail, analytics: mountAnalytics }[name];
  if (!mount) {
    location.hash = '#/board';
    return;
  }
  unmount = mount(view, param) ?? (() => {});
}

function showChrome(on, active) {
  const bar = document.getElementById('topbar');
  bar.hidden = !on;
  document.body.classList.toggle('signed-out', !on);
  for (const a of document.querySelectorAll('[data-nav]')) {
    const current = a.dataset.nav === active || (active === 'complaint' && a.dataset.nav === 'board');
    a.classList.toggle('active', current);
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (on && session.me) {
    const me = session.me;
    const dealers = me.dealers.includes('*') ? t('allDealers') : me.dealers.join(', ');
    document
      .getElementById('who')
      .replaceChildren(h('span.who-name', me.name), h('span.who-role', `${label(ROLES, me.role)} · ${dealers}`));
  }
}

function translateChrome() {
  for (const el of document.querySelectorAll('[data-label]')) el.textContent = t(el.dataset.label);
  document.getElementById('brand-name').textContent = t('appName');
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('language');
  // The toggle names the other language in that language: say which, for screen readers.
  toggle.lang = getLang() === 'zh' ? 'en' : 'zh-CN';
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
}

export function toast(message, kind = 'info') {
  const el = h(`div.toast.${kind}`, { role: 'status' }, message);
  document.getElementById('toasts').append(el);
  setTimeout(() => el.classList.add('leaving'), 2600);
  setTimeout(() => el.remove(), 3000);
}

document.getElementById('lang-toggle').addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));
document.getElementById('sign-out').addEventListener('click', () => signOut());

/** Dialogs belong to the session: they go when it ends or someone else signs in. */
function closeDialogs() {
  for (const dialog of document.querySelectorAll('dialog')) dialog.remove();
}
startSession({
  carryOn: () => showChrome(true, route().name),
  restart: () => {
    closeDialogs();
    render();
  },
  ended: () => {
    closeDialogs();
    location.hash = '#/login';
    render();
  },
});
followCodecSession();
onLangChange(() => {
  translateChrome();
  render();
});
window.addEventListener('hashchange', render);
translateChrome();
// A reloaded tab keeps its own token; a new one borrows the session of a tab already open.
(async () => {
  if (!session.token) session.token = await askOpenTabs();
  await render();
})();

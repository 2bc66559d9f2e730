// One session for every dashboard tab of this browser, for as long as one of them is open. Each tab
// keeps the token in its own sessionStorage (api.js) and hands it to a new tab over a
// BroadcastChannel, so nothing reaches the disk: close the last tab and the session is gone.
import { api, onSessionExpired, session } from './api.js';
import { askToSignInAgain } from './resignin.js';

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('ladder.session') : null;

/** How long a new tab waits for an open tab to answer before it shows the sign-in page. */
const ASK_MS = 300;

/** What the page does as the session moves: set by startSession. */
let page = { carryOn() {}, restart() {}, ended() {} };
/** The re-sign-in dialog while this tab shows it. */
let renewing = null;

/**
 * Joins the other tabs' session. page.carryOn() when the same person signs in again (nothing to
 * redraw), page.restart() when someone else does, page.ended() when the session ends.
 */
export function startSession(hooks) {
  page = hooks;
  onSessionExpired(renew);
  channel?.addEventListener('message', ({ data }) => {
    if (data?.type === 'ask') {
      // A tab whose token was just refused has nothing to give.
      if (session.me && session.token && !renewing) channel.postMessage({ type: 'token', token: session.token });
    } else if (data?.type === 'token' && typeof data.token === 'string') void signedInElsewhere(data.token);
    else if (data?.type === 'signOut') signOut({ tell: false });
  });
}

/** The token of a tab already signed in, or null when no tab answers in time. */
export function askOpenTabs() {
  if (!channel) return Promise.resolve(null);
  return new Promise((resolve) => {
    const hear = ({ data }) => {
      if (data?.type === 'token' && typeof data.token === 'string') done(data.token);
    };
    // The first answer wins; a channel never hears its own messages, so only other tabs answer.
    const done = (token) => {
      clearTimeout(timer);
      channel.removeEventListener('message', hear);
      resolve(token);
    };
    const timer = setTimeout(() => done(null), ASK_MS);
    channel.addEventListener('message', hear);
    channel.postMessage({ type: 'ask' });
  });
}

/** Tells the other tabs this tab signed in (or in again), so they use the same token. */
export const announceSignIn = () => channel?.postMessage({ type: 'token', token: session.token });

/** Ends the session here, and unless told by another tab, in every tab. */
export function signOut({ tell = true } = {}) {
  const signedIn = Boolean(session.token || session.me);
  session.token = null;
  session.me = null;
  renewing?.dismiss();
  if (!signedIn) return;
  if (tell) channel?.postMessage({ type: 'signOut' });
  page.ended();
}

// A 401 while signed in (api.js): ask over the page; api.js then sends the refused calls again.
async function renew() {
  renewing = askToSignInAgain(session.me);
  const renewed = await renewing.result;
  renewing = null;
  if (!renewed) {
    signOut();
    return false;
  }
  adopt(renewed.token, renewed.me);
  announceSignIn();
  return true;
}

async function signedInElsewhere(token) {
  if (token === session.token) return;
  let me;
  try {
    me = await api('GET', '/v1/me', undefined, token);
  } catch {
    return;
  }
  if (renewing) renewing.accept(token, me);
  else adopt(token, me);
}

/** The same person with the same permissions carries on where they were; anyone else starts afresh. */
function adopt(token, me) {
  const before = session.me;
  session.token = token;
  session.me = me;
  if (before && samePermissions(before, me)) page.carryOn();
  else page.restart();
}

const samePermissions = (a, b) =>
  a.id === b.id &&
  a.role === b.role &&
  a.dealers.length === b.dealers.length &&
  a.dealers.every((d) => b.dealers.includes(d));

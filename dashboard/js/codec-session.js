// The Temporal UI reads the encrypted payloads in Temporal through the API's /v1/codec, signed in
// by an HttpOnly cookie that only the API sets (docs/temporal-security.md). The cookie follows this
// tab's token: set for it (supervisors only; others get none), cleared on sign-out.
import { onTokenChange, session } from './api.js';

const follow = (token) =>
  fetch('/v1/codec/session', {
    method: token ? 'POST' : 'DELETE',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch(() => {});

export function followCodecSession() {
  if (session.token) void follow(session.token);
  onTokenChange(follow);
}

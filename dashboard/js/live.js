// Live changes from GET /v1/live (server-sent events read with fetch, so the bearer token travels).
// The page is told which complaint changed and fetches what it shows; while the stream is down
// it says so and the caller keeps polling. A new token (signed in again, here or in another tab)
// replaces the stream at once; a refused one waits for the re-sign-in instead of being retried.
import { onTokenChange, renewedSince, session } from './api.js';

const RETRY_MS = [1000, 2000, 5000, 10000];

/**
 * Calls onChange({ complaintId, dealerId, event, sequence, time }) for each change and
 * onState('live' | 'reconnecting') as the stream comes and goes. Returns a stop function.
 */
export function connectLive({ onChange, onState }) {
  let stopped = false;
  let controller;
  let attempt = 0;
  // The open stream was let in with the old token, which the server does not check again.
  const stopWatching = onTokenChange(() => controller?.abort());

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      const token = session.token;
      let refused = false;
      try {
        const res = await fetch('/v1/live', {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (res.status === 401) refused = true;
        else {
          if (!res.ok || !res.body) throw new Error(`live stream answered ${res.status}`);
          attempt = 0;
          onState('live');
          await read(res.body, onChange);
        }
      } catch {
        if (stopped) return;
      }
      onState('reconnecting');
      const renewed = refused ? await renewedSince(token) : Boolean(session.token) && session.token !== token;
      if (renewed) continue;
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]));
    }
  }

  void run();
  return () => {
    stopped = true;
    stopWatching();
    controller?.abort();
  };
}

async function read(body, onChange) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      const data = lines.find((l) => l.startsWith('data: '));
      if (lines.includes('event: complaint') && data) {
        try {
          onChange(JSON.parse(data.slice(6)));
        } catch {
          // a malformed line is skipped; the next poll catches up
        }
      }
    }
  }
}

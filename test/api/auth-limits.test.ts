import { createAuthFailureLimiter, failureDelayMs } from '../../api/auth';
import { redactUrl } from '../../api/request-log';

describe('the failed sign-in limiter', () => {
  it('holds back nothing for the first two failures, then doubles up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((n) => failureDelayMs(n, 2000))).toEqual([
      0, 0, 100, 200, 400, 800, 1600, 2000, 2000, 2000,
    ]);
    expect(failureDelayMs(10, 0)).toBe(0);
    expect(failureDelayMs(Number.MAX_SAFE_INTEGER, 2000)).toBe(2000);
  });

  it('slows by the larger of the client count and the staff-id count', () => {
    let now = 0;
    const limiter = createAuthFailureLimiter({ limit: 10, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 4; i++) limiter.fail({ client: `10.0.0.${i}`, staffId: 'sa-1' });
    expect(limiter.fail({ client: '10.0.0.99', staffId: 'sa-1' }).delayMs).toBe(400); // 5th for sa-1, 1st for the client
    expect(limiter.fail({ client: '10.0.0.99', staffId: 'sm-1' }).delayMs).toBe(0); // 2nd for the client, 1st for sm-1
    now = 60_000;
    expect(limiter.fail({ client: '10.0.0.98', staffId: 'sa-1' }).delayMs).toBe(0); // a new window
  });

  it('answers 429 only past the client limit, with the seconds left in its window', () => {
    let now = 0;
    const limiter = createAuthFailureLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) expect(limiter.fail({ client: 'a' }).retryAfter).toBe(0);
    now = 15_500;
    expect(limiter.fail({ client: 'a' }).retryAfter).toBe(45);
    expect(limiter.fail({ client: 'b' }).retryAfter).toBe(0);
    // Many failures in one staff member's name never turn into 429 for a client.
    for (let i = 0; i < 10; i++) expect(limiter.fail({ client: `c${i}`, staffId: 'gm-1' }).retryAfter).toBe(0);
  });

  it('keeps its memory bounded however many addresses and ids fail', () => {
    const limiter = createAuthFailureLimiter({ limit: 3, windowMs: 60_000 }, () => 0);
    for (let i = 0; i < 30_000; i++) limiter.fail({ client: `c${i}`, staffId: `s${i}` });
    // The most recent stay counted.
    limiter.fail({ client: 'c29999' });
    limiter.fail({ client: 'c29999' });
    expect(limiter.fail({ client: 'c29999' }).retryAfter).toBeGreaterThan(0);
  });
});

describe('URLs as they are logged', () => {
  const token = `sa-01.${'Ab9_-'.repeat(8)}xyz`;

  it('blanks the values of credential query parameters, keeping the rest as sent', () => {
    expect(redactUrl('/v1/complaints?token=abc&pageSize=5')).toBe('/v1/complaints?token=[redacted]&pageSize=5');
    expect(redactUrl('/v1/live?ACCESS_TOKEN=abc&x=%20y')).toBe('/v1/live?ACCESS_TOKEN=[redacted]&x=%20y');
    expect(redactUrl('/v1/live?acc%65ss_token=abc')).toBe('/v1/live?acc%65ss_token=[redacted]');
    expect(redactUrl('/v1/complaints?pageToken=opaque')).toBe('/v1/complaints?pageToken=opaque');
    expect(redactUrl('/v1/complaints')).toBe('/v1/complaints');
  });

  it('blanks anything shaped like a staff token, wherever it is', () => {
    expect(token.split('.')[1]).toHaveLength(43);
    expect(redactUrl(`/v1/x/${token}`)).toBe('/v1/x/[redacted]');
    expect(redactUrl(`/v1/x?q=${token}`)).toBe('/v1/x?q=[redacted]');
    expect(redactUrl(`/v1/x?q=${encodeURIComponent(token).replace('.', '%2E')}`)).toBe('/v1/x?q=[redacted]');
  });
});

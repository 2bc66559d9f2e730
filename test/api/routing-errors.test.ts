import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startApi, type ApiHarness } from './harness';

/** Every status the API answers has the one error shape, routing errors included (issue F11). */
const SHAPE = { error: expect.any(String), message: expect.any(String) };

describe('routing errors in the one error shape', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers an unknown route 404 not_found', async () => {
    const res = await h.call('GET', '/v1/nothing-here');
    expect(res).toMatchObject({ status: 404, body: { ...SHAPE, error: 'not_found' } });
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message']);
  });

  it('answers a known path asked with a method it does not take 405, with Allow listing those it does', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/v1/complaints', 'GET, HEAD, POST'],
      ['PUT', '/v1/complaints/CL-X-20260302-ABCDEF', 'GET, HEAD'],
      ['GET', '/v1/complaints/CL-X-20260302-ABCDEF/acknowledge', 'POST'],
      ['PATCH', '/v1/complaints/CL-X-20260302-ABCDEF/remedies/R1/approve', 'POST'],
      ['OPTIONS', '/v1/health', 'GET, HEAD'],
      ['POST', '/v1/queues/mine/', 'GET, HEAD'], // the router ignores a trailing slash, and so does Allow
    ];
    for (const [method, url, allow] of cases) {
      const res = await h.app.inject({ method: method as 'GET', url });
      expect([method, url, res.statusCode, res.headers.allow, res.json()]).toEqual([
        method,
        url,
        405,
        allow,
        { ...SHAPE, error: 'method_not_allowed' },
      ]);
    }
  });

  it('answers a method Node parses but no route takes (QUERY, even without a body type) 405 on a known path and 404 elsewhere', async () => {
    const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
    const known = await fetch(`${url}/v1/vocabulary`, { method: 'QUERY' });
    expect([known.status, known.headers.get('allow'), await known.json()]).toEqual([
      405,
      'GET, HEAD',
      { ...SHAPE, error: 'method_not_allowed' },
    ]);
    const unknown = await fetch(`${url}/v1/nowhere`, { method: 'QUERY' });
    expect([unknown.status, await unknown.json()]).toEqual([404, { ...SHAPE, error: 'not_found' }]);
  });

  it('answers an over-long URL or path segment 414 uri_too_long', async () => {
    for (const url of [`/v1/complaints/${'A'.repeat(9000)}`, `/v1/complaints?q=${'a'.repeat(9000)}`]) {
      const res = await h.call('GET', url);
      expect([url.slice(0, 20), res.status, res.body]).toEqual([
        url.slice(0, 20),
        414,
        { ...SHAPE, error: 'uri_too_long' },
      ]);
    }
    // Up to the schema's own limit a long id is the field's problem: 400 naming it.
    const long = await h.call('GET', `/v1/complaints/${'A'.repeat(201)}`);
    expect(long).toMatchObject({ status: 400, body: { error: 'invalid_input', details: [{ path: 'id' }] } });
  });

  it('answers headers too large for Node 431 headers_too_large, on the wire', async () => {
    await h.app.listen({ host: '127.0.0.1', port: 0 }).catch(() => undefined);
    const { port } = h.app.server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body!)).toEqual({ ...SHAPE, error: 'headers_too_large' });
  });
});

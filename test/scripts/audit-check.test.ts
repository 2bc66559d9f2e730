// The dependency audit `npm test` runs (scripts/audit-check.js), on npm audit's own JSON shapes.
const { verdict } = require('../../scripts/audit-check.js') as {
  verdict: (stdout: string, required: boolean) => { ok: boolean; message: string };
};

const report = (vulnerabilities: Record<string, { severity: string; fixAvailable?: boolean }>) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { low: 0, moderate: 1, high: 0, critical: 0 } },
  });

describe('the dependency audit', () => {
  it('fails on a high or a critical advisory, naming the package', () => {
    const high = verdict(report({ '@fastify/static': { severity: 'high', fixAvailable: true } }), false);
    expect(high).toEqual({ ok: false, message: expect.stringContaining('@fastify/static (high, fix available)') });
    expect(verdict(report({ x: { severity: 'critical' } }), false).ok).toBe(false);
  });

  it('passes on moderate and low ones', () => {
    expect(verdict(report({ y: { severity: 'moderate' } }), true)).toEqual({
      ok: true,
      message: 'no high or critical advisory (1 moderate, 0 low)',
    });
  });

  it('says so when the advisory service is unreachable, and fails then only if an audit is required', () => {
    const offline = JSON.stringify({ message: '405 Method Not Allowed - POST …/advisories/bulk', statusCode: 405 });
    expect(verdict(offline, false)).toEqual({ ok: true, message: expect.stringContaining('405 Method Not Allowed') });
    expect(verdict(offline, true).ok).toBe(false);
    expect(verdict('not json', true).ok).toBe(false);
  });
});

#!/usr/bin/env node
// `npm audit --omit=dev`, read for high and critical advisories: any of them fails the run.
// Where the registry's advisory service cannot be reached (an offline mirror answers 405),
// the check says so and passes, unless LADDER_AUDIT=require.
const { spawnSync } = require('node:child_process');

/** The verdict on `npm audit --json` output: { ok, message }. */
function verdict(stdout, required) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { ok: !required, message: `npm audit printed no JSON: ${String(stdout).slice(0, 200)}` };
  }
  if (report.error || !report.metadata) {
    const why = report.message || report.error?.summary || 'no metadata';
    return { ok: !required, message: `advisory service unreachable, dependencies not audited: ${why}` };
  }
  const counts = report.metadata.vulnerabilities ?? {};
  const serious = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `${name} (${v.severity}${v.fixAvailable ? ', fix available' : ''})`);
  if (serious.length > 0)
    return { ok: false, message: `high or critical advisories in production dependencies: ${serious.join(', ')}` };
  return {
    ok: true,
    message: `no high or critical advisory (${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low)`,
  };
}

if (require.main === module) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
  const { ok, message } = verdict(run.stdout, process.env.LADDER_AUDIT === 'require');
  process.stderr.write(`[audit] ${message}\n`);
  process.exit(ok ? 0 : 1);
}

module.exports = { verdict };

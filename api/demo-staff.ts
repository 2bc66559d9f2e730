import { appendFileSync, chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../domain/staff';
import { addStaff, readStaffFile } from './staff-directory';

/** One demo staff member per role at dealer DEMO-01, plus a general manager over every dealer. */
export const DEMO_DEALER = 'DEMO-01';
export const DEMO_STAFF: readonly { id: string; name: string; role: Role; dealers: string[] }[] = [
  { id: 'demo-advisor', name: '王顾问', role: 'advisor', dealers: [DEMO_DEALER] },
  { id: 'demo-cs', name: '李客服', role: 'customer_service', dealers: [DEMO_DEALER] },
  { id: 'demo-sm', name: '张经理', role: 'service_manager', dealers: [DEMO_DEALER] },
  { id: 'demo-tm', name: '赵经理', role: 'technical_manager', dealers: [DEMO_DEALER] },
  { id: 'demo-gm', name: '陈总', role: 'general_manager', dealers: [DEMO_DEALER] },
  { id: 'demo-gm-all', name: '周总', role: 'general_manager', dealers: ['*'] },
];

/**
 * Adds whichever demo staff are missing and appends their new tokens to the tokens file (0600).
 * Staff already in the directory keep their token; it was written to the tokens file when issued.
 */
export function ensureDemoStaff(staffFile: string, tokensFile: string): { created: string[]; existing: string[] } {
  const present = new Set(readStaffFile(staffFile).staff.map((s) => s.id));
  const created: string[] = [];
  const existing: string[] = [];
  mkdirSync(path.dirname(path.resolve(tokensFile)), { recursive: true });
  if (!existsSync(tokensFile)) {
    writeFileSync(tokensFile, '# Complaint Ladder demo staff tokens, shown once. Columns: id role dealers token\n', {
      mode: 0o600,
    });
  }
  chmodSync(tokensFile, 0o600);
  for (const member of DEMO_STAFF) {
    if (present.has(member.id)) {
      existing.push(member.id);
      continue;
    }
    const { token } = addStaff(member, staffFile);
    appendFileSync(tokensFile, `${member.id} ${member.role} ${member.dealers.join(',')} ${token}\n`);
    created.push(member.id);
  }
  return { created, existing };
}

if (require.main === module) {
  const [staffFile, tokensFile] = process.argv.slice(2);
  if (!staffFile || !tokensFile) {
    console.error('usage: node dist/api/demo-staff.js <staff-file> <tokens-file>');
    process.exit(2);
  }
  try {
    const { created, existing } = ensureDemoStaff(staffFile, tokensFile);
    const line = created.length ? `added demo staff ${created.join(', ')}` : 'demo staff already present';
    console.log(`${line}${existing.length && created.length ? ` (kept ${existing.join(', ')})` : ''}.`);
    console.log(`Their tokens are in ${tokensFile} (id role dealers token). For example:`);
    console.log(
      `  curl -H "Authorization: Bearer $(awk '$1=="demo-cs"{print $4}' ${tokensFile})" http://127.0.0.1:3000/v1/complaints`,
    );
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

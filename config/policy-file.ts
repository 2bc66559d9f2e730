import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parsePolicy, type Policy } from '../domain/policy';

/** A policy file as loaded: the parsed policy and a fingerprint of what the file says. */
export interface LoadedPolicy {
  policy: Policy;
  /** sha256 of the file's JSON with keys sorted: whitespace and key order do not count as edits. */
  fingerprint: string;
}

/**
 * The dealership policy named by POLICY_FILE. A bad file stops the process with the file name
 * and every bad field, before any complaint can be opened under it.
 */
export function loadPolicyFile(file: string): Policy {
  return readPolicyFile(file).policy;
}

export function readPolicyFile(file: string): LoadedPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read policy file ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`policy file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  let policy: Policy;
  try {
    policy = parsePolicy(json);
  } catch (err) {
    throw new Error(`policy file ${file}: ${(err as Error).message}`);
  }
  return { policy, fingerprint: policyFingerprint(json) };
}

/**
 * Of the file's JSON, not of the parsed policy: a schema default added in code would otherwise
 * change every fingerprint and refuse untouched files as "edited".
 */
export function policyFingerprint(json: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(json)).digest('hex')}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

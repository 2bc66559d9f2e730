import { readFileSync } from 'node:fs';
import { parsePolicy, type Policy } from '../domain/policy';

/**
 * The dealership policy named by POLICY_FILE, read once at start-up. A bad file stops the process
 * with the file name and every bad field, before any complaint can be opened under it.
 */
export function loadPolicyFile(file: string): Policy {
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
  try {
    return parsePolicy(json);
  } catch (err) {
    throw new Error(`policy file ${file}: ${(err as Error).message}`);
  }
}

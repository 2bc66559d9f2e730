import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Policy } from '../domain/policy';
import { readPolicyFile, type LoadedPolicy } from './policy-file';

/**
 * The policy new complaints are opened with. Policy files are versions: the first content seen
 * under a version is recorded in the registry file, and a file that later says something else
 * under the same version is refused (a complaint records only the version it was opened under).
 *
 * At start-up a refused or bad file throws. After that the file is looked at again (at most once
 * per `checkEveryMs`, on `current()`), and a new version applies to the next complaint opened; a
 * refused or bad file is reported once per change and the previous policy stays in force.
 * Complaints already open keep the policy they were opened with: it travels in their workflow input.
 */
export interface PolicyStore {
  readonly file: string;
  current(): Policy;
  /** Looks at the file now, whatever the interval; returns the policy in force afterwards. */
  reload(): Policy;
}

export interface PolicyStoreOptions {
  file: string;
  registryFile: string;
  /** A live reload was refused; the previous policy stays in force. */
  onReloadError?: (err: Error) => void;
  /** Another version took over for complaints opened from now on. */
  onReload?: (policy: Policy, previous: Policy) => void;
  /** Default 1000; 0 looks at the file on every `current()`. */
  checkEveryMs?: number;
  now?: () => number;
}

export class PolicyVersionEditedError extends Error {
  constructor(
    readonly file: string,
    readonly version: string,
    readonly registryFile: string,
    firstFile: string,
  ) {
    super(
      `policy ${file} version "${version}" was edited without changing its version; give it a new version ` +
        `(the registry ${registryFile} holds what "${version}" said when first loaded from ${firstFile})`,
    );
    this.name = 'PolicyVersionEditedError';
  }
}

export function openPolicyStore(opts: PolicyStoreOptions): PolicyStore {
  const { file, registryFile } = opts;
  const checkEveryMs = opts.checkEveryMs ?? 1000;
  const now = opts.now ?? Date.now;

  let seen = stampOf(file);
  let loaded = register(readPolicyFile(file), file, registryFile);
  let lastCheck = now();

  const reload = (): Policy => {
    lastCheck = now();
    const stamp = stampOf(file);
    if (stamp === seen) return loaded.policy;
    seen = stamp; // a refused file is reported once, not on every intake until it changes
    try {
      const next = register(readPolicyFile(file), file, registryFile);
      const previous = loaded;
      loaded = next;
      if (next.fingerprint !== previous.fingerprint) opts.onReload?.(next.policy, previous.policy);
    } catch (err) {
      opts.onReloadError?.(err as Error);
    }
    return loaded.policy;
  };

  return {
    file,
    current: () => (now() - lastCheck >= checkEveryMs ? reload() : loaded.policy),
    reload,
  };
}

/** mtime, ctime, size and inode: an in-place write and an editor's rename-over both change it. */
function stampOf(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}`;
  } catch {
    return 'absent';
  }
}

const RegistrySchema = z.object({
  versions: z.record(z.string(), z.object({ fingerprint: z.string(), file: z.string(), registeredAt: z.string() })),
});
type RegistryEntry = z.infer<typeof RegistrySchema>['versions'][string];

/** Refuses an edited version; records a new one. Read afresh each time, so other processes' entries count. */
function register(loaded: LoadedPolicy, file: string, registryFile: string): LoadedPolicy {
  const versions = readRegistry(registryFile);
  const { version } = loaded.policy;
  const entry = versions.get(version);
  if (entry) {
    if (entry.fingerprint !== loaded.fingerprint)
      throw new PolicyVersionEditedError(file, version, registryFile, entry.file);
    return loaded;
  }
  versions.set(version, { fingerprint: loaded.fingerprint, file, registeredAt: new Date().toISOString() });
  writeRegistry(registryFile, versions);
  return loaded;
}

function readRegistry(registryFile: string): Map<string, RegistryEntry> {
  let text: string;
  try {
    text = readFileSync(registryFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new Error(`cannot read policy registry ${registryFile}: ${(err as Error).message}`);
  }
  let parsed: z.infer<typeof RegistrySchema>;
  try {
    parsed = RegistrySchema.parse(JSON.parse(text));
  } catch (err) {
    throw new Error(`policy registry ${registryFile} is not a valid registry: ${(err as Error).message}`);
  }
  return new Map(Object.entries(parsed.versions));
}

function writeRegistry(registryFile: string, versions: Map<string, RegistryEntry>): void {
  try {
    mkdirSync(path.dirname(registryFile), { recursive: true });
    // Written aside and renamed, so a crash or a second process never leaves half a registry.
    const tmp = `${registryFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ versions: Object.fromEntries(versions) }, null, 2)}\n`);
    renameSync(tmp, registryFile);
  } catch (err) {
    throw new Error(`cannot write policy registry ${registryFile}: ${(err as Error).message}`);
  }
}

/**
 * The README and docs/ stay true to the repository: the folder table names exactly the top-level
 * folders tracked in git, the README fits on about a page, nothing points at documents outside
 * this repository, and every relative link (and its #anchor) leads somewhere. Needs no stack:
 * `npx jest test/docs`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const README = path.join(ROOT, 'README.md');
const MAX_README_LINES = 300;

const read = (file: string) => readFileSync(file, 'utf8');
const rel = (file: string) => path.relative(ROOT, file);

/** README.md and every Markdown file under docs/. */
function markdownFiles(): string[] {
  const found: string[] = [README];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) found.push(full);
    }
  };
  walk(path.join(ROOT, 'docs'));
  return found;
}

/** The top-level directories that hold at least one file tracked in git. */
function trackedTopLevelDirs(): Set<string> {
  let out: string;
  try {
    out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    throw new Error(`cannot list the files tracked in git (is ${ROOT} a git work tree?): ${(err as Error).message}`);
  }
  return new Set(
    out
      .split('\0')
      .filter((f) => f.includes('/'))
      .map((f) => f.split('/')[0]!),
  );
}

/** Lines outside fenced code blocks, with their 1-based line numbers. */
function proseLines(text: string): { line: string; n: number }[] {
  const lines: { line: string; n: number }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((line, i) => {
    const open = /^\s*(```+|~~~+)/.exec(line);
    if (open) {
      if (fence === null) fence = open[1]![0]!;
      else if (open[1]![0] === fence) fence = null;
      return;
    }
    if (fence === null) lines.push({ line, n: i + 1 });
  });
  return lines;
}

/** The folders named in the first column of the README's `| Folder | … |` table. */
function folderTable(readme: string): string[] {
  const lines = readme.split('\n');
  const header = lines.findIndex((l) => /^\|\s*Folder\s*\|/i.test(l));
  if (header < 0) throw new Error('README.md has no folder table (a table whose first header cell is "Folder")');
  const folders: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.trim().startsWith('|')) break;
    const cell = line.split('|')[1]!.trim();
    const name = /^`([^`]+)`/.exec(cell)?.[1] ?? cell;
    folders.push(name.replace(/\/+$/, ''));
  }
  return folders;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const { line } of proseLines(read(file))) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

interface Link {
  file: string;
  n: number;
  target: string;
}

/** Every inline link and image in a Markdown file, outside code. */
function linksOf(file: string): Link[] {
  const links: Link[] = [];
  for (const { line, n } of proseLines(read(file))) {
    const prose = line.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ file, n, target: m[1]! });
    }
    const ref = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
    if (ref) links.push({ file, n, target: ref[1]! });
  }
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** The paths among `files` that git ignores: a link to one works here but not in a fresh clone. */
function gitIgnored(files: string[]): Set<string> {
  if (files.length === 0) return new Set();
  const r = spawnSync('git', ['check-ignore', '--stdin', '-z'], {
    cwd: ROOT,
    input: files.map(rel).join('\0'),
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`git check-ignore failed: ${r.stderr}`);
  return new Set(
    r.stdout
      .split('\0')
      .filter(Boolean)
      .map((f) => path.resolve(ROOT, f)),
  );
}

describe('README.md and docs/', () => {
  const readme = read(README);

  it('has a folder table that names exactly the top-level folders tracked in git', () => {
    const table = folderTable(readme);
    const inTable = new Set(table);
    const tracked = trackedTopLevelDirs();
    const missing = [...tracked].filter((d) => !inTable.has(d)).sort();
    const extra = [...inTable].filter((d) => !tracked.has(d)).sort();
    const repeated = table.filter((d, i) => table.indexOf(d) !== i);
    const problems = [
      missing.length ? `missing from the README's folder table: ${missing.join(', ')}` : '',
      extra.length ? `in the README's folder table but not tracked in git: ${extra.join(', ')}` : '',
      repeated.length ? `listed more than once: ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    expect(problems).toEqual([]);
  });

  it(`keeps the README to ${MAX_README_LINES} lines or fewer`, () => {
    const lines = readme.replace(/\n$/, '').split('\n').length;
    if (lines > MAX_README_LINES) {
      throw new Error(
        `README.md has ${lines} lines, more than ${MAX_README_LINES}: move detail into docs/ and link to it`,
      );
    }
  });

  it('points at no document outside this repository (SPEC §…, seed 00n)', () => {
    const hits: string[] = [];
    for (const file of markdownFiles()) {
      read(file)
        .split('\n')
        .forEach((line, i) => {
          if (/\bSPEC\b|\b[Ss]eeds?\s+0\d\d\b/.test(line)) {
            hits.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    // State the rule in our own words, or link to docs/domain.md.
    expect(hits).toEqual([]);
  });

  it('has every relative link lead to a file in the repository that git does not ignore', () => {
    const broken: string[] = [];
    const targets: { link: Link; full: string }[] = [];
    for (const file of markdownFiles()) {
      for (const link of linksOf(file)) {
        if (isExternal(link.target) || link.target.startsWith('#')) continue;
        const filePart = decodeURI(link.target.split('#')[0]!.split('?')[0]!);
        const full = path.resolve(path.dirname(file), filePart);
        const where = `${rel(file)}:${link.n}: ${link.target}`;
        if (!full.startsWith(ROOT + path.sep) && full !== ROOT) broken.push(`${where} (outside the repository)`);
        else if (!existsSync(full)) broken.push(`${where} (no such file)`);
        else targets.push({ link, full });
      }
    }
    const ignored = gitIgnored(targets.map((t) => t.full));
    for (const { link, full } of targets) {
      if (ignored.has(full))
        broken.push(`${rel(link.file)}:${link.n}: ${link.target} (git-ignored, so missing in a clone)`);
    }
    expect(broken).toEqual([]);
  });

  it('has every #anchor lead to a heading', () => {
    const broken: string[] = [];
    const cache = new Map<string, Set<string>>();
    for (const file of markdownFiles()) {
      for (const link of linksOf(file)) {
        if (isExternal(link.target) || !link.target.includes('#')) continue;
        const [filePart, anchor] = link.target.split('#') as [string, string];
        const full = filePart ? path.resolve(path.dirname(file), decodeURI(filePart)) : file;
        if (!full.endsWith('.md') || !existsSync(full) || statSync(full).isDirectory()) continue;
        if (!cache.has(full)) cache.set(full, anchorsOf(full));
        if (!cache.get(full)!.has(decodeURIComponent(anchor).toLowerCase())) {
          broken.push(`${rel(file)}:${link.n}: ${link.target} (no such heading in ${rel(full)})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * domain/ is imported by the Temporal workflow sandbox, so it must stay deterministic and free of
 * I/O: every time is an input, nothing random, no Node APIs, no Temporal.
 */
const DOMAIN = join(__dirname, '../../domain');
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](node:|fs|path|crypto|os|child_process|http|https|net)['"/]/, 'a Node module'],
  [/require\(/, 'require()'],
  [/from ['"]@temporalio\//, 'a Temporal import'],
  [/\bprocess\.(env|argv|exit|cwd|hrtime|nextTick|platform|stdout|stderr|on)\b/, 'process'],
  [/\bBuffer\b/, 'Buffer'],
  [/Date\.now\(/, 'Date.now()'],
  [/new Date\(\)/, 'the current time'],
  [/Math\.random\(/, 'randomness'],
  [/\bcrypto\./, 'crypto'],
  [/\b(setTimeout|setInterval)\(/, 'timers'],
];

describe('the domain folder', () => {
  const files = readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s uses no I/O, Node APIs, Temporal, clock or randomness', (file) => {
    const source = readFileSync(join(DOMAIN, file), 'utf8');
    const found = FORBIDDEN.filter(([pattern]) => pattern.test(source)).map(([, what]) => what);
    expect(found).toEqual([]);
  });
});

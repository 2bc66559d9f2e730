import { readFileSync } from 'node:fs';

/** docker-compose.yml is safe by default: nothing it runs answers other machines. */
describe('docker-compose.yml', () => {
  const compose = readFileSync('docker-compose.yml', 'utf8');
  const published = [...compose.matchAll(/^ *ports:\n((?: *- .*\n)+)/gm)].flatMap((m) =>
    m[1]!
      .trim()
      .split('\n')
      .map((line) => line.replace(/^ *- *"?|"? *$/g, '')),
  );

  it('publishes Temporal, its UI, Kafka and the API on 127.0.0.1 only', () => {
    expect(published).toHaveLength(4);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:\$\{[A-Z_]+:-\d+\}:\d+$/);
  });
});

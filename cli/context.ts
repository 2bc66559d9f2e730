import type { Command } from 'commander';
import { createApiClient, type ApiClient } from './api-client';
import { usageError } from './failure';
import { deepSafe, jsonSafe } from './safe-text';
import { createStyle, wantsColor, type Style } from './text';

/** The program-wide options, as commander hands them to every command. */
export interface GlobalOptions {
  apiUrl: string;
  token?: string;
  json?: boolean;
  color: boolean;
  timeout: number;
}

export interface CliContext {
  json: boolean;
  style: Style;
  now: () => number;
  client: () => ApiClient;
  /** Prints the API's answer as JSON with `--json`, else what `human` makes of it. */
  print<T>(body: T, human: (body: T) => string): void;
}

export function contextOf(command: Command): CliContext {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const style = createStyle(wantsColor(process.stdout, process.env, opts.color));
  const json = opts.json === true;
  return {
    json,
    style,
    now: Date.now,
    client: () => {
      let url: URL;
      try {
        url = new URL(opts.apiUrl);
      } catch {
        throw usageError(`--api-url / LADDER_API_URL is not a URL: ${JSON.stringify(opts.apiUrl)}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw usageError(`--api-url must be http(s), got ${opts.apiUrl}`);
      return createApiClient({ baseUrl: opts.apiUrl, token: opts.token, timeoutMs: opts.timeout * 1000 });
    },
    print(body, human) {
      // What the API sent may hold control or bidi characters: made visible before printing.
      process.stdout.write(`${json ? jsonSafe(JSON.stringify(body, null, 2)) : human(deepSafe(body))}\n`);
    },
  };
}

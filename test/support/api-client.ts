import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ROOT } from './server-process.js';

export interface GraphqlResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  };
}

/** POST /graphql with an optional bearer token (or a raw Authorization value). */
export async function gql(
  url: string,
  query: string,
  options: { token?: string; authorization?: string; variables?: Record<string, unknown> } = {},
): Promise<GraphqlResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.authorization = authorization;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlResponse['body'] };
}

/** `plumbline token --user NAME` run as the real CLI against a data directory. */
export function cliToken(
  dataDir: string,
  user: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/plumbline.js'), 'token', '--user', user, ...args],
    {
      env: { ...process.env, PLUMBLINE_DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

/** A graphql-ws client on the server's /graphql, authenticated by `connectionParams`. */
export function wsClient(url: string, token?: string): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

import pg from 'pg';
import type { InstanceCredentials } from '../lib/api-types';

/** Real SQL as the credentials the API handed out; PostgreSQL's own error text when refused. */
export async function sqlAs(c: InstanceCredentials, text: string): Promise<string> {
  const client = new pg.Client({
    host: c.host,
    port: c.port!,
    database: c.database,
    user: c.user,
    password: c.password,
  });
  await client.connect();
  try {
    const r = (await client.query<Record<string, unknown>>(text)) as unknown as
      pg.QueryResult | pg.QueryResult[];
    // several statements answer one result each: the last one's rows
    return JSON.stringify((Array.isArray(r) ? r[r.length - 1]! : r).rows);
  } catch (err) {
    return `ERROR: ${(err as Error).message}`;
  } finally {
    await client.end();
  }
}

/** Polls `read` once a second until `done` holds; the error names what it last saw. */
export async function pollUntil<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s; last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 1_000));
    last = await read();
  }
  return last;
}

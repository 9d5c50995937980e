import 'server-only';
import { appDb } from '../db';

/** `select 1` as the app role: proves the pool, the password and the database all work. */
export async function checkControlDb(): Promise<string | void> {
  await appDb().pool.query('select 1');
}

import 'server-only';

/**
 * Where clients reach tenant instances. Hosts have no public address in the catalogue yet;
 * on the single-machine stack every instance listens on localhost.
 */
export function instanceHost(): string {
  return process.env.REWIND_INSTANCE_HOST ?? 'localhost';
}

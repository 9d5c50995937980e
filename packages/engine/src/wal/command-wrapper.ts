/**
 * How a command is run as the `postgres` OS user. The engine's own
 * run-as-postgres helper can be plugged in here; the default uses runuser when
 * we are root and runs the command directly otherwise (already the right user).
 */
export type CommandWrapper = (
  command: string,
  args: readonly string[],
) => { command: string; args: string[] };

export const runuserAsPostgres: CommandWrapper = (command, args) => ({
  command: 'runuser',
  args: ['-u', 'postgres', '--', command, ...args],
});

export const runDirectly: CommandWrapper = (command, args) => ({ command, args: [...args] });

export function resolveRunAsPostgres(
  runAsPostgres: boolean | CommandWrapper | undefined,
): CommandWrapper {
  if (typeof runAsPostgres === 'function') return runAsPostgres;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (runAsPostgres === undefined) return isRoot ? runuserAsPostgres : runDirectly;
  return runAsPostgres ? runuserAsPostgres : runDirectly;
}

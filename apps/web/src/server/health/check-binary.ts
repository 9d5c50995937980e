import 'server-only';
import { execFile } from 'node:child_process';

/** Runs `file args…` and returns the first line of its output (the version). */
export function checkBinary(
  file: string,
  args: string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, signal, maxBuffer: 64 * 1024 },
      (err, stdout, stderr) => {
        // always an Error at run time; its type (an Omit<> of two) does not say so
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const line = `${stdout}${stderr}`.trim().split('\n')[0] ?? '';
        resolve(line);
      },
    );
  });
}

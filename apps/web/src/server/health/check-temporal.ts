import 'server-only';
import { temporalConnection } from '../temporal';

export async function checkTemporal(timeoutMs: number): Promise<string | void> {
  const connection = await temporalConnection();
  const info = await connection.withDeadline(Date.now() + timeoutMs, () =>
    connection.workflowService.getSystemInfo({}),
  );
  return info.serverVersion ? `server ${info.serverVersion}` : undefined;
}

import type { EngineConfig, RepoIndex } from '../engine-config';
import { infoJson } from './info-raw';
import { parseInfo, type StanzaInfo } from './parse-info';

/** The instance's stanza as every repo (or just `repo`) sees it. */
export async function info(
  config: EngineConfig,
  /** timeoutMs: pgBackRest retries an unreachable repo for minutes; a caller may bound that */
  input: { instanceId: string; repo?: RepoIndex; timeoutMs?: number },
): Promise<StanzaInfo> {
  const stanzas = parseInfo(await infoJson(config, input));
  const mine = stanzas.find((s) => s.stanza === input.instanceId);
  if (!mine)
    throw new Error(
      `while reading pgbackrest info for stanza ${input.instanceId}: stanza not in output`,
    );
  return mine;
}

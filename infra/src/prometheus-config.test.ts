import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computePorts } from './ports';
import { PROMETHEUS_SOURCES, renderPrometheusConfigs, renderRules } from './prometheus-config';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** promtool / amtool from Debian's packages; a non-zero exit throws with their explanation */
const check = (tool: string, ...args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('Prometheus and Alertmanager configs in infra/prometheus', () => {
  it('the shipped rules pass promtool check rules and hold the required alerts', () => {
    expect(check('promtool', 'check', 'rules', PROMETHEUS_SOURCES.rules)).toMatch(
      /SUCCESS: 7 rules found/,
    );
    const rules = readFileSync(PROMETHEUS_SOURCES.rules, 'utf8');
    for (const alert of [
      'RewindArchiveLagOverBound',
      'RewindRecoveryPointAgeHigh',
      'RewindDrillFailed',
      'RewindBackupTooOld',
      'RewindCoverageBelowPromise',
    ])
      expect(rules).toContain(`alert: ${alert}`);
  });

  it.each(['dev', 'test'] as const)(
    'renders a %s stack whose config, rules and alertmanager.yml pass promtool and amtool',
    (profile) => {
      const dataDir = mkdtempSync(join(tmpdir(), `rewind-prom-${profile}-`));
      dirs.push(dataDir);
      const r = renderPrometheusConfigs({
        profile,
        dataDir,
        ports: computePorts(profile, {}),
        metricsToken: 'x'.repeat(40),
      });
      expect(check('promtool', 'check', 'config', r.configFile)).toMatch(/SUCCESS/);
      expect(check('promtool', 'check', 'rules', r.rulesFile)).toMatch(/SUCCESS: 7 rules found/);
      expect(check('amtool', 'check-config', r.alertmanagerConfigFile)).toMatch(/SUCCESS/);
      const config = readFileSync(r.configFile, 'utf8');
      expect(config).not.toMatch(/@[A-Z_]+@/);
      expect(config).toContain(`127.0.0.1:${computePorts(profile, {}).workerMetrics}`);
      const fors = [...readFileSync(r.rulesFile, 'utf8').matchAll(/for: (\S+)/g)].map((m) => m[1]);
      expect(fors.length).toBe(7);
      if (profile === 'test') expect(new Set(fors)).toEqual(new Set(['10s']));
      else expect(fors).toContain('2m');
    },
  );

  it('shortens every for: and nothing else', () => {
    const src =
      'rules:\n  - alert: A\n    expr: x > 0\n    for: 15m\n    labels:\n      for: keep\n';
    expect(renderRules(src, '10s')).toBe(src.replace('for: 15m', 'for: 10s'));
    expect(renderRules(src, null)).toBe(src);
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from './paths';
import { REPO_ROOT } from './paths';
import type { PortLayout } from './ports';

/** The shipped configs (infra/prometheus); rendered per stack into its data dir. */
export const PROMETHEUS_SOURCES = {
  scrape: join(REPO_ROOT, 'infra', 'prometheus', 'prometheus.yml'),
  rules: join(REPO_ROOT, 'infra', 'prometheus', 'rules.yml'),
  alertmanager: join(REPO_ROOT, 'infra', 'prometheus', 'alertmanager.yml'),
} as const;

/**
 * Intervals per profile. The test profile scrapes and evaluates every 2 s and shortens every
 * rule's `for:` to 10 s, so an outage drill sees an alert fire and resolve within a minute or
 * two of the condition; dev keeps the shipped (production) windows.
 */
export const PROMETHEUS_TIMINGS: Record<
  Profile,
  { scrape: string; evaluation: string; ruleFor: string | null; groupWait: string }
> = {
  dev: { scrape: '15s', evaluation: '15s', ruleFor: null, groupWait: '30s' },
  test: { scrape: '2s', evaluation: '2s', ruleFor: '10s', groupWait: '1s' },
};

export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const out = template.replace(/@([A-Z_]+)@/g, (m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for placeholder ${m}`);
    return v;
  });
  return out;
}

/** The rules as shipped, with every `for:` replaced when the profile shortens them. */
export function renderRules(source: string, ruleFor: string | null): string {
  return ruleFor === null
    ? source
    : source.replace(/^(\s+)for: (\d+[smhdwy])+$/gm, `$1for: ${ruleFor}`);
}

export interface RenderedPrometheus {
  dir: string;
  configFile: string;
  rulesFile: string;
  tokenFile: string;
  alertmanagerDir: string;
  alertmanagerConfigFile: string;
}

/** Writes prometheus.yml, rules.yml, the token file and alertmanager.yml for one stack. */
export function renderPrometheusConfigs(input: {
  profile: Profile;
  dataDir: string;
  ports: PortLayout;
  metricsToken: string;
}): RenderedPrometheus {
  const t = PROMETHEUS_TIMINGS[input.profile];
  const dir = join(input.dataDir, 'prometheus');
  const alertmanagerDir = join(input.dataDir, 'alertmanager');
  mkdirSync(dir, { recursive: true });
  mkdirSync(alertmanagerDir, { recursive: true });
  const out: RenderedPrometheus = {
    dir,
    configFile: join(dir, 'prometheus.yml'),
    rulesFile: join(dir, 'rules.yml'),
    tokenFile: join(dir, 'metrics-token'),
    alertmanagerDir,
    alertmanagerConfigFile: join(alertmanagerDir, 'alertmanager.yml'),
  };
  writeFileSync(out.tokenFile, `${input.metricsToken}\n`, { mode: 0o600 });
  writeFileSync(
    out.rulesFile,
    renderRules(readFileSync(PROMETHEUS_SOURCES.rules, 'utf8'), t.ruleFor),
  );
  writeFileSync(
    out.configFile,
    fillPlaceholders(readFileSync(PROMETHEUS_SOURCES.scrape, 'utf8'), {
      SCRAPE_INTERVAL: t.scrape,
      EVALUATION_INTERVAL: t.evaluation,
      RULES_FILE: out.rulesFile,
      ALERTMANAGER_PORT: String(input.ports.alertmanager),
      TOKEN_FILE: out.tokenFile,
      WEB_PORT: String(input.ports.web),
      WORKER_METRICS_PORT: String(input.ports.workerMetrics),
    }),
  );
  writeFileSync(
    out.alertmanagerConfigFile,
    fillPlaceholders(readFileSync(PROMETHEUS_SOURCES.alertmanager, 'utf8'), {
      GROUP_WAIT: t.groupWait,
      WEB_PORT: String(input.ports.web),
      TOKEN_FILE: out.tokenFile,
    }),
  );
  return out;
}

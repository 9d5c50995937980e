import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stackEnvSchema } from '@rewind/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT, TOOLS_DIR } from './paths';

/**
 * The Helm chart (infra/deploy/helm/rewind) renders with its default values and with the
 * external-services example, passes `helm lint --strict` and its values.schema.json, and every
 * manifest validates with kubeconform against Kubernetes' own JSON schemas (strict: unknown
 * fields fail) for the oldest Kubernetes the chart supports and the newest. Offline: the tools
 * and schemas are what infra/bin/install.sh put in .tools.
 */
const CHART = join(REPO_ROOT, 'infra', 'deploy', 'helm', 'rewind');
const EXTERNAL_VALUES = join(CHART, 'values-external.yaml');
const HELM = join(TOOLS_DIR, 'bin', 'helm');
const KUBECONFORM = join(TOOLS_DIR, 'bin', 'kubeconform');
const SCHEMAS = join(TOOLS_DIR, 'kubernetes-json-schema');
const KUBE_VERSIONS = ['1.31.0', '1.37.0'];

// Each step shells out (helm ~0.5 s, kubeconform ~4 s a run on an idle machine); a busy machine
// makes that several times longer, which must not fail a unit test.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  env: EnvVar[];
  command: string[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}
interface PodSpec {
  restartPolicy?: string;
  containers: Container[];
  volumes?: { name: string }[];
}

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input, timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

function helm(args: string[]): string {
  return run(HELM, args);
}

const rendered = new Map<string, string>();

/** helm template; a rendering without --set overrides is made once per values file. */
function render(valuesFiles: string[] = [], extra: string[] = []): string {
  const key = valuesFiles.join(' ');
  if (extra.length === 0 && rendered.has(key)) return rendered.get(key)!;
  const text = helm([
    'template',
    'rewind',
    CHART,
    '--namespace',
    'rewind',
    // a `go install`ed helm reports Kubernetes 1.20 by default; render for the oldest supported
    '--kube-version',
    KUBE_VERSIONS[0]!,
    ...valuesFiles.flatMap((f) => ['-f', f]),
    ...extra,
  ]);
  if (extra.length === 0) rendered.set(key, text);
  return text;
}

function parse(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** kubeconform over the whole stream; CloudNativePG's Cluster has no schema here (see below). */
function kubeconform(manifests: string, kubeVersion: string): string {
  return run(
    KUBECONFORM,
    [
      '-strict',
      '-summary',
      '-kubernetes-version',
      kubeVersion,
      '-schema-location',
      join(
        SCHEMAS,
        '{{ .NormalizedKubernetesVersion }}-local-strict/{{ .ResourceKind }}{{ .KindSuffix }}.json',
      ),
      '-skip',
      'Cluster',
      '-',
    ],
    manifests,
  );
}

function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) {
    const have = manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ');
    throw new Error(`no ${kind}/${name} rendered; have ${have}`);
  }
  return found;
}

function podSpec(m: Manifest): PodSpec {
  return (m.spec as { template: { spec: PodSpec } }).template.spec;
}

function env(container: Container): Map<string, EnvVar> {
  return new Map(container.env.map((e) => [e.name, e]));
}

// Names the chart sets beyond stackEnvSchema's: next-auth's, the web's preload, OIDC's (env.ts).
const EXTRA_ENV = new Set([
  'NEXTAUTH_URL',
  'NODE_OPTIONS',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
]);
const STACK_ENV = Object.keys(stackEnvSchema.shape);

beforeAll(() => {
  for (const [what, path] of [
    ['helm', HELM],
    ['kubeconform', KUBECONFORM],
    ['Kubernetes JSON schemas', SCHEMAS],
  ] as const) {
    if (!existsSync(path)) throw new Error(`${what} missing at ${path}: run infra/bin/install.sh`);
  }
});

describe.each([
  { label: 'default values', files: [] as string[] },
  { label: 'values-external.yaml', files: [EXTERNAL_VALUES] },
])('the chart with $label', ({ files }) => {
  let text = '';
  let manifests: Manifest[] = [];
  beforeAll(() => {
    text = render(files);
    manifests = parse(text);
  });

  it('passes helm lint --strict (and the chart values schema)', () => {
    expect(helm(['lint', '--strict', CHART, ...files.flatMap((f) => ['-f', f])])).toContain(
      '0 chart(s) failed',
    );
  });

  it('sets exactly the variables the apps validate at start-up, in every container', () => {
    for (const name of ['rewind-web', 'rewind-control-plane']) {
      const names = [...env(podSpec(find(manifests, 'Deployment', name)).containers[0]!).keys()];
      expect(names.filter((n) => !STACK_ENV.includes(n) && !EXTRA_ENV.has(n))).toEqual([]);
      expect(STACK_ENV.filter((n) => !names.includes(n))).toEqual([]);
    }
    const host = env(podSpec(find(manifests, 'StatefulSet', 'host')).containers[0]!);
    expect(STACK_ENV.filter((n) => !host.has(n))).toEqual([]);
    expect([...host.keys()].filter((n) => !STACK_ENV.includes(n) && !EXTRA_ENV.has(n))).toEqual([]);
  });

  it('runs each host worker as its own host: the pod name host-<n> is its id, queue host:<id>', () => {
    const sts = find(manifests, 'StatefulSet', 'host');
    const spec = sts.spec as { ordinals: { start: number }; volumeClaimTemplates: unknown[] };
    // pods host-1, host-2, …: the first is the host the control DB seeds (REWIND_HOST_ID's default)
    expect(`${sts.metadata.name}-${spec.ordinals.start}`).toBe(
      stackEnvSchema.shape.REWIND_HOST_ID.parse(undefined),
    );
    const vars = env(podSpec(sts).containers[0]!);
    expect(vars.get('REWIND_HOST_ID')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
    expect(vars.get('REWIND_WORKER_QUEUES')?.value).toBe('host');
    expect(spec.volumeClaimTemplates).toHaveLength(1);
    const control = env(
      podSpec(find(manifests, 'Deployment', 'rewind-control-plane')).containers[0]!,
    );
    expect(control.get('REWIND_WORKER_QUEUES')?.value).toBe('control-plane');
  });

  it('restarts a dead process (restartPolicy Always + liveness) and routes only to a healthy web', () => {
    const web = podSpec(find(manifests, 'Deployment', 'rewind-web'));
    expect(web.restartPolicy).toBe('Always');
    const container = web.containers[0]!;
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/api/health', port: 'http' });
    expect(container.livenessProbe?.exec?.command.join(' ')).toContain('/api/health');
    for (const m of [
      find(manifests, 'Deployment', 'rewind-control-plane'),
      find(manifests, 'StatefulSet', 'host'),
    ]) {
      const pod = podSpec(m);
      expect(pod.restartPolicy).toBe('Always');
      expect(pod.containers[0]!.livenessProbe?.exec?.command.join(' ')).toContain('/metrics');
      expect(pod.containers[0]!.readinessProbe?.exec?.command.join(' ')).toContain('worker.ready');
    }
  });
});

// One kubeconform run per Kubernetes version over both renderings: compiling the schemas is
// most of its time, and a run compiles each kind once.
describe('kubeconform -strict on both renderings', () => {
  it.each(KUBE_VERSIONS)(
    'validates every manifest against the Kubernetes %s schemas',
    (version) => {
      const both = [render(), render([EXTERNAL_VALUES])];
      const count = both.reduce((n, text) => n + parse(text).length, 0);
      // skipped: the one CloudNativePG Cluster (default values)
      expect(kubeconform(both.join('\n---\n'), version)).toContain(
        `${count} resources found parsing stdin - Valid: ${count - 1}, Invalid: 0, Errors: 0, Skipped: 1`,
      );
    },
    120_000,
  );
});

describe('the chart with default values', () => {
  it('renders the control DB as a CloudNativePG Cluster with the three roles', () => {
    const cluster = find(parse(render()), 'Cluster', 'rewind-control-db');
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    const spec = cluster.spec as {
      bootstrap: { initdb: { database: string; owner: string } };
      managed: { roles: { name: string; bypassrls: boolean }[] };
    };
    expect(spec.bootstrap.initdb).toMatchObject({ database: 'rewind', owner: 'rewind_owner' });
    expect(spec.managed.roles.map((r) => [r.name, r.bypassrls])).toEqual([
      ['rewind_app', false],
      ['rewind_platform', true],
    ]);
  });
});

describe('the chart with values-external.yaml', () => {
  it('uses the external services and creates the env Secret, with no Cluster', () => {
    const manifests = parse(render([EXTERNAL_VALUES]));
    expect(manifests.filter((m) => m.kind === 'Cluster')).toEqual([]);
    const secret = find(manifests, 'Secret', 'rewind-env');
    const vars = env(podSpec(find(manifests, 'Deployment', 'rewind-web')).containers[0]!);
    const fromSecret = [...vars.values()]
      .filter((v) => v.valueFrom?.secretKeyRef)
      .map((v) => v.name);
    expect(Object.keys(secret.stringData ?? {}).sort()).toEqual([...fromSecret].sort());
    expect(fromSecret).toContain('OIDC_CLIENT_SECRET');
    expect(vars.get('TEMPORAL_ADDRESS')?.value).toBe('temporal.platform.example.internal:7233');
    expect(vars.get('REGION_B_ENDPOINT')?.value).toBe('https://s3.eu-west-1.amazonaws.com');
    // AWS S3 has public certificates: the image's system bundle, no CA ConfigMap
    expect(vars.get('S3_CA_FILE')?.value).toBe('/etc/ssl/certs/ca-certificates.crt');
    expect(manifests.filter((m) => m.kind === 'ConfigMap')).toEqual([]);
  });
});

describe('bad values are refused before anything renders', () => {
  it.each([
    ['a key that is not 32-byte hex', ['--set', 'secrets.values.REWIND_SECRET_KEY=not-hex']],
    ['an S3 endpoint without TLS', ['--set', 's3.regionA.endpoint=http://s3.example']],
    ['an unknown value (a typo)', ['--set', 'web.replica=3']],
  ])('%s (values.schema.json)', (_label, extra) => {
    expect(() => render([EXTERNAL_VALUES], extra)).toThrow(/values don't meet the specifications/);
  });

  it('no Temporal address and no bundled Temporal', () => {
    expect(() => render([], ['--set', 'temporal.address='])).toThrow(
      /temporal.address is required unless temporal.enabled/,
    );
  });

  it('a Secret to create with its values missing', () => {
    expect(() => render([], ['--set', 'secrets.existingSecret='])).toThrow(
      /secrets.values.CONTROL_DATABASE_URL is required/,
    );
  });
});

{{/* Names: <release>-rewind unless the release is already called rewind… */}}
{{- define "rewind.fullname" -}}
{{- if contains "rewind" .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-rewind" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "rewind.labels" -}}
app.kubernetes.io/name: rewind
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* selector labels of one component: (list $ "web") */}}
{{- define "rewind.selector" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: rewind
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "rewind.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "rewind.envSecretName" -}}
{{- default (printf "%s-env" (include "rewind.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "rewind.temporalAddress" -}}
{{- if .Values.temporal.address -}}
{{- .Values.temporal.address -}}
{{- else if .Values.temporal.enabled -}}
{{- printf "%s-temporal-frontend:7233" .Release.Name -}}
{{- else -}}
{{- fail "temporal.address is required unless temporal.enabled (the bundled Temporal chart)" -}}
{{- end -}}
{{- end -}}

{{- define "rewind.caMounted" -}}
{{- if or .Values.s3.ca.pem .Values.s3.ca.existingConfigMap -}}true{{- end -}}
{{- end -}}

{{- define "rewind.caFile" -}}
{{- if include "rewind.caMounted" . -}}/etc/rewind/s3-ca/ca.crt{{- else -}}{{ .Values.s3.ca.systemBundle }}{{- end -}}
{{- end -}}

{{/*
The keys of the env Secret: each is the variable's own name (stack-env.ts). OIDC_CLIENT_SECRET
only with OIDC configured (apps/web/src/server/env.ts: all three or none).
*/}}
{{- define "rewind.secretKeys" -}}
{{- $keys := list "CONTROL_DATABASE_URL" "CONTROL_DATABASE_PLATFORM_URL" "CONTROL_DATABASE_OWNER_URL" -}}
{{- range $region := list "A" "B" -}}
{{- range $k := list "ACCESS_KEY_ID" "SECRET_ACCESS_KEY" "CONTROL_ACCESS_KEY_ID" "CONTROL_SECRET_ACCESS_KEY" -}}
{{- $keys = append $keys (printf "REGION_%s_%s" $region $k) -}}
{{- end -}}
{{- end -}}
{{- $keys = concat $keys (list "NEXTAUTH_SECRET" "REWIND_SECRET_KEY" "REWIND_METRICS_TOKEN") -}}
{{- if .Values.oidc.issuer -}}{{- $keys = append $keys "OIDC_CLIENT_SECRET" -}}{{- end -}}
{{- join "," $keys -}}
{{- end -}}

{{/*
The stack environment of every process: (list $ "<REWIND_WORKER_QUEUES>" "<REWIND_HOST_ID>"
"<REWIND_DATA_DIR>" "<WORKER_METRICS_PORT>"); an empty host id: the pod's name. Names are exactly stackEnvSchema's; the test
infra/src/helm-chart.test.ts checks them against it.
*/}}
{{- define "rewind.env" -}}
{{- $ := index . 0 -}}
{{- $v := $.Values -}}
- name: REWIND_PROFILE
  value: {{ $v.profile | quote }}
- name: REWIND_WORKER_QUEUES
  value: {{ index . 1 | quote }}
{{- if index . 2 }}
- name: REWIND_HOST_ID
  value: {{ index . 2 | quote }}
{{- else }}
# a data-plane host: its pod name (host-1, host-2, …) is its host id, its queue host:<pod name>
- name: REWIND_HOST_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{- end }}
- name: REWIND_DATA_DIR
  value: {{ index . 3 | quote }}
- name: WORKER_METRICS_PORT
  value: {{ index . 4 | quote }}
- name: TEMPORAL_ADDRESS
  value: {{ include "rewind.temporalAddress" $ | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ $v.temporal.namespace | quote }}
- name: TEMPORAL_UI_PORT
  value: {{ $v.temporal.uiPort | quote }}
- name: S3_CA_FILE
  value: {{ include "rewind.caFile" $ | quote }}
{{- range $region, $r := dict "A" $v.s3.regionA "B" $v.s3.regionB }}
- name: REGION_{{ $region }}_NAME
  value: {{ $r.name | quote }}
- name: REGION_{{ $region }}_ENDPOINT
  value: {{ $r.endpoint | quote }}
- name: REGION_{{ $region }}_BUCKET
  value: {{ $r.bucket | quote }}
{{- end }}
- name: PG_BIN_DIR
  value: /usr/lib/postgresql/15/bin
- name: PGBACKREST_BIN
  value: /usr/bin/pgbackrest
- name: INSTANCE_PORT_MIN
  value: {{ $v.hosts.instancePorts.min | quote }}
- name: INSTANCE_PORT_MAX
  value: {{ $v.hosts.instancePorts.max | quote }}
- name: WEB_PORT
  value: {{ $v.web.port | quote }}
- name: WEB_URL
  value: {{ $v.web.url | quote }}
- name: REWIND_TRUSTED_PROXIES
  value: {{ $v.web.trustedProxies | quote }}
{{- if $v.oidc.issuer }}
- name: OIDC_ISSUER
  value: {{ $v.oidc.issuer | quote }}
- name: OIDC_CLIENT_ID
  value: {{ required "oidc.clientId is required with oidc.issuer" $v.oidc.clientId | quote }}
{{- end }}
{{- range $key := splitList "," (include "rewind.secretKeys" $) }}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      name: {{ include "rewind.envSecretName" $ }}
      key: {{ $key }}
{{- end }}
{{- end -}}

{{/* the S3 CA volume and its mount, when a CA is given */}}
{{- define "rewind.caVolume" -}}
{{- if include "rewind.caMounted" . }}
- name: s3-ca
  configMap:
    name: {{ default (printf "%s-s3-ca" (include "rewind.fullname" .)) .Values.s3.ca.existingConfigMap }}
    items:
      - key: ca.crt
        path: ca.crt
{{- end }}
{{- end -}}

{{- define "rewind.caMount" -}}
{{- if include "rewind.caMounted" . }}
- name: s3-ca
  mountPath: /etc/rewind/s3-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/*
Liveness of a worker: its /metrics (loopback only, bearer token) answers, i.e. the process and its
event loop are alive. Exec, not httpGet: the kubelet cannot reach a loopback listener.
*/}}
{{- define "rewind.workerLiveness" -}}
exec:
  command:
    - node
    - -e
    - >-
      fetch('http://127.0.0.1:' + process.env.WORKER_METRICS_PORT + '/metrics',
      { headers: { authorization: 'Bearer ' + process.env.REWIND_METRICS_TOKEN },
      signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1),
      () => process.exit(1))
periodSeconds: 20
timeoutSeconds: 5
failureThreshold: 3
{{- end -}}

{{/* Readiness of a worker: the ready file main.ts writes once every worker polls its queue. */}}
{{- define "rewind.workerReadiness" -}}
exec:
  command:
    - node
    - -e
    - require('node:fs').accessSync(process.env.REWIND_DATA_DIR + '/run/worker.ready')
timeoutSeconds: 5
{{- end -}}

{{/* The web answers /api/health at all (any HTTP status): what infra/src/apps.ts waits for. */}}
{{- define "rewind.webAnswers" -}}
exec:
  command:
    - node
    - -e
    - >-
      fetch('http://127.0.0.1:' + process.env.WEB_PORT + '/api/health',
      { signal: AbortSignal.timeout(8000) }).then(() => process.exit(0), () => process.exit(1))
timeoutSeconds: 10
{{- end -}}

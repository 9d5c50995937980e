import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { metricsRequestAuthorized } from './metrics-auth';
import { observeRestoreRecorded } from './observe-restore';
import { registerRestoreMetrics } from './restore-metrics';

const t0 = new Date('2026-12-01T12:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('restore observations', () => {
  it('phase durations, lead time without the approval wait, checks by family, verdict', async () => {
    const registry = new Registry();
    const m = registerRestoreMetrics(registry);
    const base = { mode: 'replace' as const, kind: 'user' as const, requestedAt: t0 };
    // approved 100 s after the request, restoring 20 s after that
    observeRestoreRecorded(
      m,
      { ...base, phase: 'awaiting_approval', phaseStartedAt: at(2), decidedAt: at(100) },
      { phase: 'provisioning' },
      at(101),
    );
    observeRestoreRecorded(
      m,
      { ...base, phase: 'provisioning', phaseStartedAt: at(101), decidedAt: at(100) },
      { phase: 'restoring' },
      at(120),
    );
    observeRestoreRecorded(
      m,
      { ...base, phase: 'verifying', phaseStartedAt: at(130), decidedAt: at(100) },
      {
        checks: [
          { name: 'amcheck', ok: true, detail: '' },
          { name: 'validation:orders of Acme Corp', ok: false, detail: 'count = 0' },
        ],
      },
      at(140),
    );
    observeRestoreRecorded(
      m,
      { ...base, phase: 'verifying', phaseStartedAt: at(130), decidedAt: at(100) },
      { phase: 'done', status: 'failed', finished: true },
      at(141),
    );
    const text = await registry.metrics();
    expect(text).toContain('rewind_restore_approval_wait_seconds_sum{mode="replace"} 100');
    expect(text).toContain('rewind_restore_lead_time_seconds_sum{mode="replace",kind="user"} 20');
    expect(text).toContain(
      'rewind_restore_phase_duration_seconds_sum{phase="provisioning",mode="replace",kind="user"} 19',
    );
    expect(text).toContain(
      'rewind_restore_phase_duration_seconds_sum{phase="verifying",mode="replace",kind="user"} 11',
    );
    expect(text).toContain('rewind_restore_checks_total{check="validation",result="fail"} 1');
    expect(text).toContain('rewind_restore_checks_total{check="amcheck",result="pass"} 1');
    expect(text).toContain('rewind_restores_total{mode="replace",kind="user",result="failed"} 1');
    // a validation query's name is the tenant's: it never becomes a label
    expect(text).not.toContain('Acme');
  });

  it('the bearer token must match exactly', () => {
    const token = 't'.repeat(40);
    expect(metricsRequestAuthorized(`Bearer ${token}`, token)).toBe(true);
    expect(metricsRequestAuthorized(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsRequestAuthorized(token, token)).toBe(false);
    expect(metricsRequestAuthorized(null, token)).toBe(false);
  });
});

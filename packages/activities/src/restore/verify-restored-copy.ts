import { readFile } from 'node:fs/promises';
import {
  decryptSecret,
  isValidationExpectation,
  judgeRecoveryStop,
  judgeValidationResult,
  parseRecoveryLog,
  VALIDATION_CHECK_PREFIX,
  VALIDATION_QUERY_LIMITS,
  type EndOfArchivedWal,
  type RestoreCheck,
  type RestoreTargetSpec,
} from '@rewind/core';
import {
  and,
  asc,
  eq,
  getInstance,
  inTenantTx,
  recordResolvedTarget,
  validationQueries,
} from '@rewind/db';
import {
  dumpSchema,
  queryAsRoleReadOnly,
  runAmcheck,
  sqlIdentifier,
  sqlLiteral,
} from '@rewind/engine';
import type { ActivityDeps } from '../deps';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs one check; a check that cannot run is a failed check with the reason, never a crash. */
async function check(
  name: string,
  fn: () => Promise<{ ok: boolean; detail: string }>,
): Promise<RestoreCheck> {
  try {
    return { name, ...(await fn()) };
  } catch (err) {
    return { name, ok: false, detail: message(err).slice(0, 2000) };
  }
}

/**
 * The checks of the architecture's step 4, in an order that keeps them honest: the recovery
 * stop is judged before anything commits in the copy (amcheck's CREATE EXTENSION, ALTER ROLE).
 */
export async function verifyRestoredCopy(
  deps: ActivityDeps,
  input: {
    tenantId: string;
    cloneId: string;
    sourceInstanceId: string;
    port: number;
    target: RestoreTargetSpec;
    endOfArchivedWal?: EndOfArchivedWal;
  },
): Promise<RestoreCheck[]> {
  const { engine } = deps;
  const paths = engine.paths(input.cloneId);
  const socket = { socketDir: paths.run, port: input.port };
  const label = `restored copy ${input.cloneId}`;
  const { clone, queries } = await inTenantTx(
    deps.db,
    { tenantId: input.tenantId },
    async (tx) => ({
      clone: await getInstance(tx, input.tenantId, input.cloneId),
      queries: await tx
        .select()
        .from(validationQueries)
        .where(
          and(
            eq(validationQueries.tenantId, input.tenantId),
            eq(validationQueries.instanceId, input.sourceInstanceId),
          ),
        )
        // the order they were saved in, so the report reads the same on every restore
        .orderBy(asc(validationQueries.createdAt), asc(validationQueries.id)),
    }),
  );
  const checks: RestoreCheck[] = [];

  checks.push(
    await check('recovery_target', async () => {
      const row = await engine.runSql(
        socket,
        `select coalesce(xid::text, ''), coalesce(to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '') from pg_last_committed_xact()`,
        { context: `reading the last applied commit of ${label}` },
      );
      const [xid, at] = row.split('|');
      // a `latest` target is resolved now: the restore's page names the second it reached
      if ('latest' in input.target && at)
        await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
          recordResolvedTarget(tx, input.tenantId, input.cloneId, new Date(at)),
        );
      const log = parseRecoveryLog(await readFile(paths.postgresLog, 'utf8'));
      return judgeRecoveryStop(
        input.target,
        log,
        xid && at ? { xid, at } : null,
        input.endOfArchivedWal,
      );
    }),
  );

  // the tenant's role gets the clone's own password: its queries below run as that role
  const password = decryptSecret(clone.passwordEnc, deps.secretKey);
  await engine.runSql(
    socket,
    `ALTER ROLE ${sqlIdentifier(clone.username)} PASSWORD ${sqlLiteral(password)};`,
    {
      context: `setting the password of ${clone.username} in ${label}`,
      secrets: [password],
    },
  );
  // recovery is over: the restore_command pgBackRest and prepareRestoredCluster wrote names host
  // paths (config, spool, data directory), and every role may SHOW it in PostgreSQL 15
  await engine.runSql(socket, 'ALTER SYSTEM RESET restore_command;\nSELECT pg_reload_conf();', {
    context: `clearing restore_command of ${label}`,
  });
  // and the clone's own read-only role, which members are handed (the data may predate the role)
  if (clone.readerUsername !== null && clone.readerPasswordEnc !== null)
    await engine.ensureReaderRole(
      socket,
      {
        role: clone.readerUsername,
        password: decryptSecret(clone.readerPasswordEnc, deps.secretKey),
      },
      { label },
    );

  checks.push(
    await check('amcheck', async () => {
      const r = await runAmcheck(engine.config, socket, { label });
      return {
        ok: r.ok,
        detail: r.ok
          ? 'pg_amcheck found no corruption in heap or btree of any database'
          : r.output.slice(0, 2000),
      };
    }),
  );

  const databases = (
    await engine.runSql(
      socket,
      'select datname from pg_database where datallowconn and not datistemplate order by 1',
      {
        context: `listing databases of ${label}`,
      },
    )
  )
    .split('\n')
    .filter(Boolean);
  checks.push(
    await check('schema_dump', async () => {
      const sizes: string[] = [];
      for (const database of databases) {
        const r = await dumpSchema(engine.config, { ...socket, database }, { label });
        sizes.push(`${database} (${r.bytes} bytes)`);
      }
      return { ok: true, detail: `pg_dump --schema-only succeeded for ${sizes.join(', ')}` };
    }),
  );

  // The tenant's own queries, as the tenant's role, over TCP, read-only (see queryAsRoleReadOnly):
  // never through psql, whose backslash commands would run as the data plane's OS user.
  for (const q of queries) {
    checks.push(
      await check(`${VALIDATION_CHECK_PREFIX}${q.name}`, async () => {
        if (!isValidationExpectation(q.expectation))
          return { ok: false, detail: `unknown expectation ${String(q.expectation)}` };
        let result;
        try {
          result = await queryAsRoleReadOnly(
            { port: input.port, database: clone.databaseName, user: clone.username, password },
            q.sql,
            {
              maxRows: VALIDATION_QUERY_LIMITS.rowsRead,
              applicationName: 'rewind-validation-query',
            },
          );
        } catch (err) {
          // PostgreSQL's own words (`relation "invoices" does not exist`), never the password
          return {
            ok: false,
            detail: `the query failed: ${message(err).replaceAll(password, '••••')}`,
          };
        }
        return judgeValidationResult(q.expectation, result);
      }),
    );
  }
  return checks;
}

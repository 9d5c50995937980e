import { TimeTravelConsole } from '@/client/time-travel-console';
import { consoleTargetFromQuery } from '@/client/time-travel-href';
import { PortalPage } from '@/client/portal-page';
import { requireVisibleRow } from '@/server/auth/page-tenant';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Time travel' };

/**
 * /instances/{id}/time-travel?at=<RFC 3339> (a second) or ?xid=<xid>&eventAt=<RFC 3339> (just
 * before a WAL event's transaction): the read-only console on the instance as of then.
 */
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{
    at?: string | string[];
    xid?: string | string[];
    eventAt?: string | string[];
  }>;
}) {
  const { id } = await params;
  const query = await searchParams;
  // another tenant's id, an unknown or a malformed one: the real 404 page
  await requireVisibleRow('instance', id, `/instances/${encodeURIComponent(id)}/time-travel`);
  return (
    <PortalPage>
      <TimeTravelConsole instanceId={id} at={consoleTargetFromQuery(query)} />
    </PortalPage>
  );
}

/**
 * Response shapes of /api/v1, shared by the route handlers (which build them) and the
 * browser (which reads them). Times are RFC 3339 UTC strings.
 */
export interface MeResponse {
  principal: { kind: 'session' | 'token'; userId: string; email: string; name: string; isPlatformAdmin: boolean };
  tenant: { id: string; slug: string; name: string };
  role: string;
  permissions: string[];
  tenants: Array<{ id: string; slug: string; name: string; role: string }>;
}

export interface InstanceSummary {
  id: string;
  name: string;
  status: string;
  kind: string;
  pgVersion: number;
  createdAt: string;
}

export interface InstanceConnection {
  host: string;
  port: number | null;
  database: string;
  user: string;
  password: string;
}

export interface WindowRegion {
  region: string;
  earliest: string;
  latest: string;
  gaps: Array<{ from: string; to: string }>;
}

export interface InstanceDetail extends InstanceSummary {
  connection: InstanceConnection;
  window: { regions: WindowRegion[] };
}

export interface CreatedInstance {
  id: string;
  status: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export const INSTANCE_NAME_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

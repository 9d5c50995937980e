import { INSTANCE_OWNER_ROLE, INSTANCE_READER_ROLE } from './instance-roles';

/**
 * The one rule for instance names, shared by the API, the portal's form and the database op.
 * The instance's database and role names are derived from it with a suffix, and PostgreSQL
 * identifiers stop at 63 bytes: hence 40.
 */
export const INSTANCE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$/;

export const INSTANCE_NAME_RULE =
  '1–40 characters of lower-case letters, digits and dashes, starting with a letter and not ending with a dash';

/** Database names every cluster already has: the tenant's database would collide with them. */
const RESERVED_DATABASES = new Set(['postgres', 'template0', 'template1']);
/** Role specifications PostgreSQL's grammar gives a meaning of their own (GRANT … TO public). */
const RESERVED_ROLES = new Set(['public', 'none', 'current_user', 'current_role', 'session_user']);

/**
 * Why `name` cannot name an instance, or null. The database is named after the instance
 * (dashes become underscores), so a name PostgreSQL reserves for a database or a role, or one
 * of the instance's own roles, would make a database that collides with or reads as one.
 */
export function instanceNameProblem(name: string): string | null {
  if (!INSTANCE_NAME_PATTERN.test(name)) return `instance name must be ${INSTANCE_NAME_RULE}`;
  const database = name.replaceAll('-', '_');
  if (RESERVED_DATABASES.has(database))
    return `instance name ${name} is reserved by PostgreSQL: every cluster has a database called ${database}; choose another name`;
  if (RESERVED_ROLES.has(database))
    return `instance name ${name} is reserved by PostgreSQL: ${database} is a role specification (as in GRANT … TO ${database}); choose another name`;
  if (database.startsWith('pg_'))
    return `instance name ${name} is reserved by PostgreSQL: names starting with pg_ (pg- here) belong to the system; choose another name`;
  if (database === INSTANCE_OWNER_ROLE || database === INSTANCE_READER_ROLE)
    return `instance name ${name} is the name of the role the instance's database is reached with; choose another name`;
  return null;
}

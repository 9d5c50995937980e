/**
 * The one rule for instance names, shared by the API, the portal's form and the database op.
 * The instance's database and role names are derived from it with a suffix, and PostgreSQL
 * identifiers stop at 63 bytes: hence 40.
 */
export const INSTANCE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$/;

export const INSTANCE_NAME_RULE =
  '1–40 characters of lower-case letters, digits and dashes, starting with a letter and not ending with a dash';

/**
 * One check of a restored copy (where recovery stopped, pg_amcheck, the schema dump, each
 * validation query): what the activities produce, restores.checks stores, the workflow reports
 * and the API answers, unchanged all the way.
 */
export interface RestoreCheck {
  name: string;
  ok: boolean;
  detail: string;
}

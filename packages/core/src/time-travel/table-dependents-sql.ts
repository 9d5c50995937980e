import type { QualifiedTable } from './table-restore';

const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

/**
 * One read-only query (any role may read the catalog) naming what depends on the tables a
 * replace overwrites: foreign keys of other tables that reference them (with their ON DELETE
 * action) and views that read them. A table that does not exist fails it (`relation … does not
 * exist`), which is the answer a person needs before confirming.
 */
export function tableDependentsSql(tables: readonly QualifiedTable[]): string {
  const oids = tables
    .map((t) => `${literal(`"${t.schema}"."${t.table}"`)}::regclass::oid`)
    .join(', ');
  return `select 'foreign_key' as kind,
       format('%s.%I references %s (on delete %s)', conrelid::regclass, conname, confrelid::regclass,
         case confdeltype when 'a' then 'no action' when 'r' then 'restrict' when 'c' then 'cascade'
           when 'n' then 'set null' else 'set default' end) as name
  from pg_constraint
 where contype = 'f' and confrelid in (${oids}) and conrelid not in (${oids})
union
select 'view', format('%s (reads %s)', v.oid::regclass, d.refobjid::regclass)
  from pg_depend d
  join pg_rewrite r on r.oid = d.objid and d.classid = 'pg_rewrite'::regclass
  join pg_class v on v.oid = r.ev_class
 where d.refobjid in (${oids}) and v.oid <> d.refobjid
order by 1, 2`;
}

-- PostGraphile keeps one constraint per (table, keys, foreign table, foreign keys), the first by
-- name: a PRIMARY KEY and a UNIQUE on the same columns count once. Check and exclusion
-- constraints, which PostGraphile does not read, are kept apart from that rule.
select distinct on (con.conrelid, con.conkey, con.confrelid, con.confkey,
                    case when con.contype in ('p', 'u', 'f') then 0::oid else con.oid end)
       con.oid, con.conname, con.contype, con.conrelid, con.confrelid, con.conkey, con.confkey,
       dsc.description, case when $3::bool then pg_catalog.pg_get_constraintdef(con.oid, true) end
from pg_catalog.pg_constraint con
left join pg_catalog.pg_description dsc
  on dsc.objoid = con.oid and dsc.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
where con.conrelid in (select oid from cls)
  and con.contype in ('p', 'u', 'f', 'c', 'x')
  and (con.contype <> 'f' or con.confrelid in (select oid from cls))
order by con.conrelid, con.conkey, con.confrelid, con.confkey,
         case when con.contype in ('p', 'u', 'f') then 0::oid else con.oid end, con.conname

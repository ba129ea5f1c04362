select idx.indexrelid, ic.relname, idx.indrelid, idx.indisunique, idx.indisprimary,
       idx.indpred is not null, idx.indkey, pg_catalog.pg_get_indexdef(idx.indexrelid)
from pg_catalog.pg_index idx
join pg_catalog.pg_class ic on ic.oid = idx.indexrelid
where idx.indrelid in (select oid from cls)
  and idx.indislive
  and not idx.indisexclusion
order by idx.indrelid, idx.indexrelid

-- pg_get_indexdef costs tens of microseconds per index (a third of the whole read on a 1,000-table
-- schema, more with cold caches), so for plain indexes the statement returns the pieces and
-- CatalogReader assembles the same text (column names quoted by the server's keyword list).
-- Expressions, predicates, INCLUDE columns, storage options, sort flags, non-default operator
-- classes or collations, tablespaces and partitioned tables still go to pg_get_indexdef.
-- tst_catalogreader checks that both agree.
select idx.indexrelid, ic.relname, idx.indrelid, idx.indisunique, idx.indisprimary,
       idx.indpred is not null, idx.indkey,
       case
         when not $3::bool then null
         when idx.indexprs is null and idx.indpred is null and idx.indnkeyatts = idx.indnatts
              and ic.reloptions is null and ic.reltablespace = 0 and tc.relkind <> 'p'
              and 0 = all (idx.indoption::int2[])
              and not (idx.indclass::oid[] operator(pg_catalog.&&) (
                select pg_catalog.array_agg(opc.oid) from pg_catalog.pg_opclass opc where not opc.opcdefault))
              and idx.indcollation::oid[] operator(pg_catalog.<@) array[0, 100]::oid[]
         then null
         else pg_catalog.pg_get_indexdef(idx.indexrelid)
       end,
       case when $3::bool then (
         select pg_catalog.quote_ident(ic.relname) || ' ON ' || pg_catalog.quote_ident(n.nspname) || '.'
                || pg_catalog.quote_ident(tc.relname) || ' USING ' || pg_catalog.quote_ident(am.amname)
         from pg_catalog.pg_namespace n, pg_catalog.pg_am am
         where n.oid = tc.relnamespace and am.oid = ic.relam) end
from pg_catalog.pg_index idx
join pg_catalog.pg_class ic on ic.oid = idx.indexrelid
join pg_catalog.pg_class tc on tc.oid = idx.indrelid
where idx.indrelid in (select oid from cls)
  and idx.indislive
  and not idx.indisexclusion
order by idx.indrelid, idx.indexrelid

select typ.oid, typ.typname, typ.typnamespace, n.nspname, typ.typtype, typ.typcategory, typ.typelem,
       typ.typarray, typ.typrelid, typ.typbasetype, typ.typtypmod, typ.typnotnull,
       typ.typdefaultbin is not null, typ.typdefault, typ.typlen,
       (select rng.rngsubtype from pg_catalog.pg_range rng where rng.rngtypid = typ.oid),
       case when typ.typtype = 'e' then array(
         select enm.enumlabel from pg_catalog.pg_enum enm
         where enm.enumtypid = typ.oid order by enm.enumsortorder) end,
       dsc.description,
       exists(select 1 from accessible_roles a where pg_catalog.has_type_privilege(a.oid, typ.oid, 'USAGE'))
from pg_catalog.pg_type typ
join pg_catalog.pg_namespace n on n.oid = typ.typnamespace
left join pg_catalog.pg_description dsc
  on dsc.objoid = typ.oid and dsc.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass
where typ.oid in (select oid from typ_all)
order by typ.typnamespace, typ.typname

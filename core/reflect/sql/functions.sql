select pro.oid, pro.proname, pro.pronamespace, n.nspname, pro.provolatile, pro.proisstrict, pro.proretset,
       pro.prorettype, pro.prokind, pro.prosecdef,
       coalesce(pro.proallargtypes, pro.proargtypes::oid[]), pro.proargmodes, pro.proargnames,
       pro.pronargs, pro.pronargdefaults, pg_catalog.pg_get_expr(pro.proargdefaults, 0),
       dsc.description,
       exists(select 1 from accessible_roles a
              where pg_catalog.has_function_privilege(a.oid, pro.oid, 'EXECUTE')),
       lan.lanname,
       coalesce(pro.proacl, pg_catalog.acldefault('f', pro.proowner))::text
from pg_catalog.pg_proc pro
join pg_catalog.pg_namespace n on n.oid = pro.pronamespace
left join pg_catalog.pg_language lan on lan.oid = pro.prolang
left join pg_catalog.pg_description dsc
  on dsc.objoid = pro.oid and dsc.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass
where pro.oid in (select oid from prc)
order by pro.pronamespace, pro.proname

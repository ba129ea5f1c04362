select rel.oid, rel.relname, rel.relnamespace, n.nspname, rel.relkind, rel.reltype, rel.relispartition,
       coalesce((select inh.inhparent from pg_catalog.pg_inherits inh
                 where rel.relispartition and inh.inhrelid = rel.oid limit 1), 0),
       rel.relrowsecurity, rel.relforcerowsecurity,
       -- Tables are always fully updatable (28 = update | insert | delete); asking would open and
       -- lock every one of them.
       case when rel.relkind in ('r', 'p') then 28 else pg_catalog.pg_relation_is_updatable(rel.oid, true) end,
       dsc.description,
       exists(select 1 from accessible_roles a where pg_catalog.has_table_privilege(a.oid, rel.oid, 'SELECT')),
       exists(select 1 from accessible_roles a where pg_catalog.has_table_privilege(a.oid, rel.oid, 'INSERT')),
       exists(select 1 from accessible_roles a where pg_catalog.has_table_privilege(a.oid, rel.oid, 'UPDATE')),
       exists(select 1 from accessible_roles a where pg_catalog.has_table_privilege(a.oid, rel.oid, 'DELETE')),
       exists(select 1 from pg_catalog.pg_extension ext where rel.oid operator(pg_catalog.=) any (ext.extconfig)),
       -- the ACL as text (NULL means the defaults: the owner holds everything); CatalogReader turns
       -- it into Grant rows, which is cheaper than aclexplode plus a role lookup per privilege
       coalesce(rel.relacl, pg_catalog.acldefault('r', rel.relowner))::text
from pg_catalog.pg_class rel
join pg_catalog.pg_namespace n on n.oid = rel.relnamespace
left join pg_catalog.pg_description dsc
  on dsc.objoid = rel.oid and dsc.objsubid = 0 and dsc.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
where rel.oid in (select oid from cls_sel)
order by rel.relnamespace, rel.relname

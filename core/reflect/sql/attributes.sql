-- A column privilege is held when the table privilege is (has_column_privilege says so too), so
-- the per-column check only runs for columns with an ACL of their own: 3 calls per table instead
-- of 3 per column.
select att.attrelid, att.attnum, att.attname, att.atttypid, att.atttypmod, att.attnotnull, att.atthasdef,
       att.attidentity, att.attgenerated,
       case when $3::bool then pg_catalog.pg_get_expr(def.adbin, def.adrelid) end,
       dsc.description,
       tp.sel or (att.attacl is not null and exists(
         select 1 from accessible_roles a
         where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'SELECT'))),
       tp.ins or (att.attacl is not null and exists(
         select 1 from accessible_roles a
         where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'INSERT'))),
       tp.upd or (att.attacl is not null and exists(
         select 1 from accessible_roles a
         where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'UPDATE'))),
       att.attacl is not null and exists(
         select 1 from pg_catalog.aclexplode(att.attacl) acl
         where acl.privilege_type = 'SELECT' and acl.grantee in (select oid from accessible_roles)),
       att.attacl::text
from (
  -- offset 0 keeps the planner from pulling these up into one evaluation per column
  select c.oid,
         exists(select 1 from accessible_roles a where pg_catalog.has_table_privilege(a.oid, c.oid, 'SELECT')) as sel,
         exists(select 1 from accessible_roles a where pg_catalog.has_table_privilege(a.oid, c.oid, 'INSERT')) as ins,
         exists(select 1 from accessible_roles a where pg_catalog.has_table_privilege(a.oid, c.oid, 'UPDATE')) as upd
  from cls_sel c
  offset 0
) tp
join pg_catalog.pg_attribute att on att.attrelid = tp.oid
left join pg_catalog.pg_attrdef def on def.adrelid = att.attrelid and def.adnum = att.attnum
left join pg_catalog.pg_description dsc
  on dsc.objoid = att.attrelid and dsc.objsubid = att.attnum
 and dsc.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
-- Columns named __* come too (CatalogReader drops them, as PostGraphile does, after using their
-- names for index definitions).
where att.attnum > 0
  and not att.attisdropped
order by att.attrelid, att.attnum

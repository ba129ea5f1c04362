-- A column privilege is held when the table privilege is (has_column_privilege says so too), and
-- classes.sql already asked about those: here only columns with an ACL of their own are checked,
-- and CatalogReader ORs in the table's privileges.
select att.attrelid, att.attnum, att.attname, att.atttypid, att.atttypmod, att.attnotnull, att.atthasdef,
       att.attidentity, att.attgenerated,
       case when $3::bool then pg_catalog.pg_get_expr(def.adbin, def.adrelid) end,
       dsc.description,
       att.attacl is not null and exists(
         select 1 from accessible_roles a
         where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'SELECT')),
       att.attacl is not null and exists(
         select 1 from accessible_roles a
         where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'INSERT')),
       att.attacl is not null and exists(
         select 1 from accessible_roles a
         where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'UPDATE')),
       att.attacl is not null and exists(
         select 1 from pg_catalog.aclexplode(att.attacl) acl
         where acl.privilege_type = 'SELECT' and acl.grantee in (select oid from accessible_roles)),
       att.attacl::text
from pg_catalog.pg_attribute att
left join pg_catalog.pg_attrdef def on def.adrelid = att.attrelid and def.adnum = att.attnum
left join pg_catalog.pg_description dsc
  on dsc.objoid = att.attrelid and dsc.objsubid = att.attnum
 and dsc.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
-- Columns named __* come too (CatalogReader drops them, as PostGraphile does, after using their
-- names for index definitions).
where att.attrelid in (select oid from cls_sel)
  and att.attnum > 0
  and not att.attisdropped
order by att.attrelid, att.attnum

select att.attrelid, att.attnum, att.attname, att.atttypid, att.atttypmod, att.attnotnull, att.atthasdef,
       att.attidentity, att.attgenerated,
       pg_catalog.pg_get_expr(def.adbin, def.adrelid),
       dsc.description,
       exists(select 1 from accessible_roles a
              where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'SELECT')),
       exists(select 1 from accessible_roles a
              where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'INSERT')),
       exists(select 1 from accessible_roles a
              where pg_catalog.has_column_privilege(a.oid, att.attrelid, att.attnum, 'UPDATE')),
       att.attacl is not null and exists(
         select 1 from pg_catalog.aclexplode(att.attacl) acl
         where acl.privilege_type = 'SELECT' and acl.grantee in (select oid from accessible_roles))
from pg_catalog.pg_attribute att
left join pg_catalog.pg_attrdef def on def.adrelid = att.attrelid and def.adnum = att.attnum
left join pg_catalog.pg_description dsc
  on dsc.objoid = att.attrelid and dsc.objsubid = att.attnum
 and dsc.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
where att.attrelid in (select oid from cls_all)
  and att.attnum > 0
  and not att.attisdropped
  and att.attname not like '\_\_%'
order by att.attrelid, att.attnum

-- A NULL acl means the defaults (acldefault): the owner holds everything, and PUBLIC may execute
-- functions.
select case when g.grantee = 0 then 'public' else pg_catalog.pg_get_userbyid(g.grantee)::text end,
       g.privilege_type, g.objoid, g.attnum
from (
  select rel.oid as objoid, 0 as attnum, acl.grantee, acl.privilege_type
  from pg_catalog.pg_class rel,
       pg_catalog.aclexplode(coalesce(rel.relacl, pg_catalog.acldefault('r', rel.relowner))) acl
  where rel.oid in (select oid from cls)
  union all
  select att.attrelid, att.attnum, acl.grantee, acl.privilege_type
  from pg_catalog.pg_attribute att, pg_catalog.aclexplode(att.attacl) acl
  where att.attrelid in (select oid from cls) and att.attacl is not null
    and att.attnum > 0 and not att.attisdropped
  union all
  select pro.oid, 0, acl.grantee, acl.privilege_type
  from pg_catalog.pg_proc pro,
       pg_catalog.aclexplode(coalesce(pro.proacl, pg_catalog.acldefault('f', pro.proowner))) acl
  where pro.oid in (select oid from prc)
) g
order by g.objoid, g.attnum, 1, g.privilege_type

-- Shared common table expressions; every catalog statement is this prelude followed by one body, so
-- that all statements agree on which objects count. $1 is the text[] of schema names; $2 is NULL,
-- or an oid[] of classes to read instead of the schemas' (CatalogReader's follow-up for composite
-- types that live in other schemas); $3 is false when the display texts (defaults, constraint and
-- index definitions), which cost as much as everything else together, are not wanted; $4 is the
-- oid[] of the types the classes and functions read in the first round use (CatalogReader collects
-- them client-side: finding them again here would walk every column a second time).
-- The filters copy PostGraphile v4's introspection query (graphile-build-pg introspectionQuery.js,
-- pgIgnoreRBAC: false, no extension resources, no legacy functions) so that Refract sees what
-- PostGraphile sees. Operators are schema-qualified for the same reason PostGraphile does it:
-- extensions such as intarray overload them.
with recursive
  -- current_user and every role it is a member of, as PostGraphile's accessible_roles.
  accessible_roles(oid) as (
    select r.oid from pg_catalog.pg_roles r where r.rolname = current_user
    union
    select m.roleid
    from pg_catalog.pg_auth_members m
    join accessible_roles a on m.member = a.oid
  ),
  -- names $3 and $4 so that their types are known in every statement, whether it uses them or not
  opts(display, seed) as (select $3::bool, $4::oid[]),
  nsp as (
    select n.oid, n.nspname
    from pg_catalog.pg_namespace n
    where n.nspname = any ($1::text[])
  ),
  -- Classes of the requested schemas. Partitioned parents (p) are kept too and flagged by relkind;
  -- PostGraphile without usePartitionedParent ignores them.
  cls as (
    select rel.oid
    from pg_catalog.pg_class rel
    where rel.relnamespace in (select oid from nsp)
      and rel.relpersistence = 'p'
      and rel.relkind in ('r', 'v', 'm', 'c', 'f', 'p')
      and rel.relname not like '\_\_%'
      and not exists (
        select 1 from pg_catalog.pg_depend dep
        where dep.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
          and dep.deptype = 'e'
          and dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
          and dep.objid = rel.oid)
  ),
  prc as (
    select pro.oid
    from pg_catalog.pg_proc pro
    where pro.pronamespace in (select oid from nsp)
      and pro.provariadic operator(pg_catalog.=) 0
      and pro.prokind = 'f'
      and (pro.proargmodes is null
           or pro.proargmodes operator(pg_catalog.<@) array['i', 'o', 'b', 't']::"char"[])
      and (pro.prorettype operator(pg_catalog.<>) 2249
           or pro.proargmodes operator(pg_catalog.&&) array['o', 'b', 't']::"char"[])
      and (pro.proallargtypes is null
           or not (pro.proallargtypes operator(pg_catalog.@>) array[2249::oid]))
      -- range constructors (PostGraphile's `not in`, as an index lookup)
      and not exists (
        select 1 from pg_catalog.pg_type typ
        where typ.typname = pro.proname and typ.typnamespace = pro.pronamespace and typ.typtype = 'r')
      -- trigger functions
      and pro.prorettype operator(pg_catalog.<>) 2279
      and pro.proname not like '\_\_%'
      -- overloaded names: PostGraphile v4 skips them all
      and (select count(*) from pg_catalog.pg_proc pro2
           where pro2.pronamespace = pro.pronamespace and pro2.proname = pro.proname) = 1
      and not exists (
        select 1 from pg_catalog.pg_depend dep
        where dep.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
          and dep.deptype = 'e'
          and dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
          and dep.objid = pro.oid)
  ),
  -- Every type the schemas reference ($4), followed through array items, domain bases, range subtypes,
  -- multirange ranges and the attributes of composite types, wherever those live.
  typ_all(oid) as (
    select unnest($4::oid[])
    union
    select nxt.oid
    from typ_all t
    join pg_catalog.pg_type typ on typ.oid = t.oid
    cross join lateral (
      select typ.typelem
      union all select typ.typbasetype
      union all select rng.rngsubtype from pg_catalog.pg_range rng where rng.rngtypid = typ.oid
      union all select rng.rngtypid from pg_catalog.pg_range rng where rng.rngmultitypid = typ.oid
      union all
      -- the columns of the schemas' own classes are in the seed already
      select att.atttypid from pg_catalog.pg_attribute att
      where typ.typrelid operator(pg_catalog.<>) 0 and att.attrelid = typ.typrelid
        and att.attnum > 0 and not att.attisdropped
        and typ.typrelid not in (select oid from cls)
    ) nxt(oid)
    where nxt.oid operator(pg_catalog.<>) 0
  ),
  -- The classes whose rows the class statements return.
  cls_sel(oid) as (
    select oid from cls where $2::oid[] is null
    union all
    select unnest($2::oid[])
  )

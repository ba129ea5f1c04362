select n.oid, n.nspname, dsc.description
from nsp n
left join pg_catalog.pg_description dsc
  on dsc.objoid = n.oid and dsc.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
order by n.nspname

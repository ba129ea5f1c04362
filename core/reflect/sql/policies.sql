select pol.oid, pol.polname, pol.polrelid, pol.polcmd, pol.polpermissive,
       array(select case when r.role = 0 then 'public' else pg_catalog.pg_get_userbyid(r.role)::text end
             from unnest(pol.polroles) with ordinality r(role, ord) order by r.ord),
       pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
       pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid)
from pg_catalog.pg_policy pol
where pol.polrelid in (select oid from cls)
order by pol.polrelid, pol.polname

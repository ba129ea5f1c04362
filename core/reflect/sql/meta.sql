select current_user::text,
       pg_catalog.current_setting('server_version'),
       pg_catalog.current_setting('server_version_num')::int,
       (select count(*) from nsp),
       -- the words quote_ident quotes (all but unreserved keywords), to quote names client-side
       array(select word from pg_catalog.pg_get_keywords() where catcode <> 'U' order by word),
       pg_catalog.current_setting('quote_all_identifiers')::bool

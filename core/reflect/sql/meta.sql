select current_user::text,
       pg_catalog.current_setting('server_version'),
       pg_catalog.current_setting('server_version_num')::int,
       (select count(*) from nsp)

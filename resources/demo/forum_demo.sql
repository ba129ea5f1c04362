-- Refract demo database: a small forum in the spirit of the AWS AppSync + PostGraphile article.
-- Written for Refract; load it as a superuser into an empty database:
--   psql -v ON_ERROR_STOP=1 -d DB -f resources/demo/forum_demo.sql
--
-- Identity: the caller's username arrives as the transaction-local setting
-- `appsync.identity_username` (AppSync claims mapping); the role is `forum_example_anonymous` for
-- visitors and `forum_example_person` for signed-in people. Refract's identity profiles set both.

begin;

-- Roles are cluster-wide: create them only once, so the file loads into several databases.
do $roles$
begin
  if not exists (select from pg_roles where rolname = 'forum_example_anonymous') then
    create role forum_example_anonymous nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'forum_example_person') then
    create role forum_example_person nologin;
  end if;
  -- The role Refract's local server would log in as; it may only become the two roles above.
  if not exists (select from pg_roles where rolname = 'forum_example_authenticator') then
    create role forum_example_authenticator login noinherit;
  end if;
end
$roles$;
grant forum_example_anonymous to forum_example_authenticator;
grant forum_example_person to forum_example_authenticator;

create schema forum_example;
create schema forum_example_private;
comment on schema forum_example is 'The public face of the forum: everything here becomes GraphQL.';

create table forum_example.person (
  id          serial primary key,
  username    text not null unique check (username ~ '^[a-z][a-z0-9_]{2,29}$'),
  first_name  text not null check (char_length(first_name) between 1 and 80),
  last_name   text check (char_length(last_name) < 80),
  about       text,
  created_at  timestamptz not null default now()
);
comment on table forum_example.person is 'A user of the forum.';
comment on column forum_example.person.id is E'@omit update\nThe primary unique identifier for the person.';
comment on column forum_example.person.username is 'The name the person signs in with; unique.';
comment on column forum_example.person.first_name is 'The person''s first name.';
comment on column forum_example.person.last_name is 'The person''s last name.';
comment on column forum_example.person.about is 'A short description about the user, written by the user.';
comment on column forum_example.person.created_at is E'@omit create,update\nThe time this person was created.';

create type forum_example.post_topic as enum ('discussion', 'inspiration', 'help', 'showcase');
comment on type forum_example.post_topic is 'What a post is about.';

create table forum_example.post (
  id               serial primary key,
  author_username  text not null references forum_example.person (username) on update cascade on delete cascade,
  headline         text not null check (char_length(headline) between 1 and 280),
  body             text,
  topic            forum_example.post_topic,
  created_at       timestamptz not null default now()
);
create index post_author_username_idx on forum_example.post (author_username);
comment on table forum_example.post is 'A forum post written by a user.';
comment on constraint post_author_username_fkey on forum_example.post is E'@foreignFieldName posts\n@fieldName author';
comment on column forum_example.post.id is 'The primary key for the post.';
comment on column forum_example.post.author_username is 'The username of the author.';
comment on column forum_example.post.headline is 'The title written by the user.';
comment on column forum_example.post.body is 'The main body text of our post.';
comment on column forum_example.post.topic is 'The topic this has been posted in.';
comment on column forum_example.post.created_at is E'@omit create,update\nThe time this post was created.';

alter default privileges revoke execute on functions from public;

-- Computed columns: stable functions whose first argument is the row.
create function forum_example.person_full_name(person forum_example.person) returns text
  language sql stable
  as $$ select person.first_name || coalesce(' ' || person.last_name, '') $$;
comment on function forum_example.person_full_name(forum_example.person) is
  'A person''s full name: the first name, then the last name when there is one.';

create function forum_example.post_summary(post forum_example.post, length int default 50, omission text default '…')
  returns text
  language sql stable
  as $$
    select case
      when post.body is null then null
      when char_length(post.body) <= length then post.body
      else substr(post.body, 1, length) || omission
    end
  $$;
comment on function forum_example.post_summary(forum_example.post, int, text) is
  'A truncated version of the body for summaries.';

create function forum_example.person_latest_post(person forum_example.person) returns forum_example.post
  language sql stable
  as $$
    select post.* from forum_example.post as post
    where post.author_username = person.username
    order by post.created_at desc, post.id desc
    limit 1
  $$;
comment on function forum_example.person_latest_post(forum_example.person) is
  'Gets the latest post written by the person.';

-- Custom queries.
create function forum_example.search_posts(search text) returns setof forum_example.post
  language sql stable
  as $$
    select post.* from forum_example.post as post
    where position(lower(search) in lower(post.headline)) > 0
       or position(lower(search) in lower(coalesce(post.body, ''))) > 0
  $$;
comment on function forum_example.search_posts(text) is 'Returns posts containing a given search term.';

create function forum_example.current_person() returns forum_example.person
  language sql stable
  as $$
    select * from forum_example.person
    where username = nullif(current_setting('appsync.identity_username', true), '')
  $$;
comment on function forum_example.current_person() is 'Gets the person the request was made as, if any.';

-- A custom mutation. SECURITY DEFINER so a visitor can register without insert rights on person.
create function forum_example.register_person(username text, first_name text, last_name text default null)
  returns forum_example.person
  language plpgsql volatile security definer
  set search_path = pg_catalog, pg_temp
  as $$
    declare
      person forum_example.person;
    begin
      insert into forum_example.person (username, first_name, last_name)
        values (register_person.username, register_person.first_name, register_person.last_name)
        returning * into person;
      return person;
    end;
  $$;
comment on function forum_example.register_person(text, text, text) is
  'Registers a single user and creates an account in our forum.';

create function forum_example_private.set_created_at() returns trigger
  language plpgsql
  as $$ begin new.created_at := coalesce(old.created_at, now()); return new; end; $$;
create trigger person_keep_created_at before update on forum_example.person
  for each row execute function forum_example_private.set_created_at();
create trigger post_keep_created_at before update on forum_example.post
  for each row execute function forum_example_private.set_created_at();

-- Privileges: visitors read; people read and write, within what the policies allow.
grant usage on schema forum_example to forum_example_anonymous, forum_example_person;
grant select on forum_example.person, forum_example.post to forum_example_anonymous, forum_example_person;
grant update (first_name, last_name, about), delete on forum_example.person to forum_example_person;
grant insert (author_username, headline, body, topic), update (headline, body, topic), delete
  on forum_example.post to forum_example_person;
grant usage on sequence forum_example.post_id_seq to forum_example_person;
grant execute on function
  forum_example.person_full_name(forum_example.person),
  forum_example.post_summary(forum_example.post, int, text),
  forum_example.person_latest_post(forum_example.person),
  forum_example.search_posts(text),
  forum_example.current_person()
  to forum_example_anonymous, forum_example_person;
grant execute on function forum_example.register_person(text, text, text) to forum_example_anonymous;

-- Row level security, keyed on the caller's username.
alter table forum_example.person enable row level security;
alter table forum_example.post enable row level security;

create policy select_person on forum_example.person for select using (true);
create policy update_person on forum_example.person for update to forum_example_person
  using (username = current_setting('appsync.identity_username', true));
create policy delete_person on forum_example.person for delete to forum_example_person
  using (username = current_setting('appsync.identity_username', true));

create policy select_post on forum_example.post for select using (true);
create policy insert_post on forum_example.post for insert to forum_example_person
  with check (author_username = current_setting('appsync.identity_username', true));
create policy update_post on forum_example.post for update to forum_example_person
  using (author_username = current_setting('appsync.identity_username', true))
  with check (author_username = current_setting('appsync.identity_username', true));
create policy delete_post on forum_example.post for delete to forum_example_person
  using (author_username = current_setting('appsync.identity_username', true));

-- Seed data: ten people, thirty posts, fixed timestamps so results are stable.
insert into forum_example.person (username, first_name, last_name, about, created_at) values
  ('johndoe',    'John',     'Doe',      'Writes about databases and bikes.',        '2024-01-03 09:00:00+00'),
  ('janedoe',    'Jane',     'Doe',      'Frontend developer, GraphQL fan.',         '2024-01-04 10:30:00+00'),
  ('sara_smith', 'Sara',     'Smith',    null,                                       '2024-01-05 08:15:00+00'),
  ('budd_deey',  'Budd',     'Deey',     'Asks the hard questions.',                 '2024-01-09 17:45:00+00'),
  ('kathryn',    'Kathryn',  'Ramirez',  'Designer. Likes clean schemas.',           '2024-02-01 12:00:00+00'),
  ('joe_tree',   'Joe',      'Tree',     null,                                       '2024-02-11 07:20:00+00'),
  ('amara',      'Amara',    'Okafor',   'Data engineer, Postgres since 9.1.',       '2024-03-02 14:05:00+00'),
  ('li_wei',     'Wei',      'Li',       'Mobile apps on AppSync.',                  '2024-03-15 16:40:00+00'),
  ('marta',      'Marta',    null,       'Just here to read.',                       '2024-04-20 11:11:00+00'),
  ('noah_k',     'Noah',     'Kowalski', 'Security and row level policies.',         '2024-05-05 19:00:00+00');

insert into forum_example.post (author_username, headline, body, topic, created_at) values
  ('johndoe',    'Welcome to the forum',                 'Introduce yourself here. Tell us what you build with GraphQL and PostgreSQL.', 'discussion',  '2024-01-03 09:10:00+00'),
  ('johndoe',    'Row level security in practice',       'Policies keyed on a setting carried by the request: how we test them.',        'help',        '2024-01-10 13:00:00+00'),
  ('johndoe',    'My commute bike',                      'Steel frame, hub gears, no regrets.',                                          'showcase',    '2024-02-14 08:00:00+00'),
  ('janedoe',    'Fragments everywhere',                 'Colocating fragments with components keeps queries honest.',                   'inspiration', '2024-01-05 10:00:00+00'),
  ('janedoe',    'Pagination with cursors',              'first/after versus offset: when does each one make sense?',                     'discussion',  '2024-01-20 15:30:00+00'),
  ('janedoe',    'Subscription filters',                 null,                                                                            'help',        '2024-03-01 09:45:00+00'),
  ('sara_smith', 'Hello from Sara',                      'First post! Looking forward to learning here.',                                'discussion',  '2024-01-05 08:30:00+00'),
  ('sara_smith', 'Naming conventions',                   'allPeople or people? Which style do your clients prefer?',                      'discussion',  '2024-02-02 18:00:00+00'),
  ('budd_deey',  'Why is totalCount slow?',              'Counting a filtered set under RLS is a full scan; what are the options?',       'help',        '2024-01-10 18:00:00+00'),
  ('budd_deey',  'Enum tables versus enum types',        'Adding a value to an enum type needs a migration; a table does not.',          'discussion',  '2024-02-18 20:10:00+00'),
  ('budd_deey',  'Computed columns',                     'A stable function whose first argument is the row becomes a field.',           'inspiration', '2024-03-03 21:00:00+00'),
  ('kathryn',    'Schema diagrams',                      'Drawing three thousand tables readably is a layout problem, not a GPU one.',   'showcase',    '2024-02-01 12:30:00+00'),
  ('kathryn',    'Dark themes for tools',                'Contrast matters more than colour.',                                            'inspiration', '2024-02-22 09:00:00+00'),
  ('joe_tree',   'Trees and forests',                    'Recursive CTEs for comment threads.',                                           'help',        '2024-02-11 07:30:00+00'),
  ('joe_tree',   'Materialized views',                   'Refreshing concurrently needs a unique index.',                                 'discussion',  '2024-03-12 10:00:00+00'),
  ('amara',      'JSONB or columns?',                    'Both, but know why.',                                                            'discussion',  '2024-03-02 14:30:00+00'),
  ('amara',      'Generated columns',                    'Stored generated columns are handy for search keys.',                          'inspiration', '2024-03-09 11:00:00+00'),
  ('amara',      'Partitioned tables in GraphQL',        'Which table does the API show, the parent or the partitions?',                 'help',        '2024-04-01 16:00:00+00'),
  ('amara',      'Indexes for foreign keys',             'Every foreign key that a relation field follows deserves an index.',           'inspiration', '2024-04-15 08:00:00+00'),
  ('li_wei',     'AppSync and Lambda cold starts',       'Cache the introspection; build the schema once.',                              'help',        '2024-03-15 17:00:00+00'),
  ('li_wei',     'Offline first',                        'Optimistic updates and conflict resolution on mobile.',                        'showcase',    '2024-04-02 12:00:00+00'),
  ('li_wei',     'Cognito groups as roles',              'Mapping a group claim to a database role.',                                     'help',        '2024-05-01 10:00:00+00'),
  ('marta',      'Lurker no more',                       'After a year of reading, a first question.',                                    'discussion',  '2024-04-21 09:00:00+00'),
  ('noah_k',     'SECURITY DEFINER pitfalls',            'Always set search_path on security definer functions.',                         'help',        '2024-05-05 19:30:00+00'),
  ('noah_k',     'Testing policies as each user',        'Run the same query as every identity and compare.',                             'showcase',    '2024-05-06 08:00:00+00'),
  ('noah_k',     'Force row level security',             'Table owners bypass RLS unless it is forced.',                                  'inspiration', '2024-05-10 13:00:00+00'),
  ('johndoe',    'Explain plans',                        'Look at the plan under the role that runs the query.',                          'help',        '2024-05-12 09:00:00+00'),
  ('janedoe',    'Persisted queries',                    'Smaller requests and an allow-list in one move.',                               'inspiration', '2024-05-14 14:00:00+00'),
  ('kathryn',    'Empty states',                         null,                                                                            null,          '2024-05-20 10:00:00+00'),
  ('sara_smith', 'Thank you all',                        'This forum answered every question I had this year.',                           'discussion',  '2024-06-01 18:00:00+00');

commit;

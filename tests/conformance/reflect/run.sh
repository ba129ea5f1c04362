#!/usr/bin/env bash
# SDL conformance of Refract's reflection against PostGraphile v4 (label `conformance`).
#   run.sh REFRACT_CLI SOURCE_DIR
# Needs the PG* environment of a throwaway cluster (scripts/pg-cluster) and node. For each fixture
# it creates a database, loads it, and for each option set compares PostGraphile's
# `--export-schema-graphql --sort-export` with `refract-cli export-sdl --preset postgraphile --sorted`
# byte for byte (and, for the default options, the unsorted output too); then checks that the appsync preset's SDL passes graphql-js buildSchema +
# assertValidSchema after AppSync's prelude. Prints "N passed, N failed"; fails on any difference.
set -uo pipefail
cli=${1:?usage: run.sh REFRACT_CLI SOURCE_DIR}
src=${2:?usage: run.sh REFRACT_CLI SOURCE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
pg="$src/tests/conformance/postgraphile/node_modules/.bin/postgraphile"
libexport="$src/tests/reflect/data/postgraphile-export.js"
: "${PGHOST:?PG* environment of a throwaway cluster required}" "${PGPORT:?}"
user=${PGUSER:-postgres}
work=$(mktemp -d /tmp/refract-reflect-conf.XXXXXX)
dbs=()
cleanup() {
  for db in "${dbs[@]}"; do dropdb --if-exists "$db" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup EXIT
passed=0; failed=0

# The fixtures create cluster-wide roles: when an earlier load (or another test) made one already,
# give it the fixture's options (login, password) instead, so logging in as it works either way.
tolerate_roles() {
  sed -E 's/^create role ([^ ;]+)([^;]*);$/do $do$ begin create role \1\2; exception when duplicate_object then alter role \1\2; end $do$;/I'
}

load() { # name sql-files…
  local db="refract_conf_$1_$$"; shift
  dbs+=("$db")
  createdb "$db" || return 1
  cat "$@" | sed 's/<<<lambda_runner_password>>>/conformance/' | tolerate_roles \
    | psql -q -v ON_ERROR_STOP=1 -d "$db" >"$work/load.log" 2>&1 || { cat "$work/load.log" >&2; return 1; }
  echo "$db"
}

# compare NAME DB SCHEMAS "POSTGRAPHILE CLI FLAGS" 'REFRACT OPTIONS JSON' [LIBRARY_OPTIONS_JSON]
compare() {
  local name=$1 db=$2 schemas=$3 flags=$4 json=$5 lib=${6:-}
  local url="postgres://${login:-$user}@$PGHOST:$PGPORT/$db"
  local expected="$work/$name.postgraphile.graphql" actual="$work/$name.refract.graphql"
  # NAME ending in -unsorted: compare graphql-js's unsorted printing (type and field order)
  local pgsort=--sort-export rsort=--sorted
  case $name in *-unsorted) pgsort=; rsort=;; esac
  if [ -n "$lib" ]; then
    node "$libexport" "$url" "$schemas" "$expected" "$lib" >"$work/pg.log" 2>&1
  else
    # shellcheck disable=SC2086
    node "$pg" -c "$url" -s "$schemas" --export-schema-graphql "$expected" $pgsort -X $flags >"$work/pg.log" 2>&1
  fi
  if [ ! -s "$expected" ]; then
    echo "FAIL $name: PostGraphile did not export"; sed 's/^/  /' "$work/pg.log" | tail -5
    failed=$((failed + 1)); return
  fi
  if ! "$cli" export-sdl --db "$url" --schema "$schemas" --preset postgraphile $rsort --options "$json" -o "$actual"; then
    echo "FAIL $name: refract-cli export-sdl failed"; failed=$((failed + 1)); return
  fi
  if diff -u "$expected" "$actual" >"$work/$name.diff"; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name: $(grep -c '^[-+][^-+]' "$work/$name.diff") differing lines"
    head -40 "$work/$name.diff" | sed 's/^/  /'
    failed=$((failed + 1))
  fi
}

# appsync NAME DB SCHEMAS
appsync() {
  local name=$1 db=$2 schemas=$3 out="$work/$1.appsync.graphql"
  if ! "$cli" export-sdl --db "postgres://$user@$PGHOST:$PGPORT/$db" --schema "$schemas" --preset appsync --sorted -o "$out"; then
    echo "FAIL $name: refract-cli export-sdl --preset appsync failed"; failed=$((failed + 1)); return
  fi
  if node "$here/validate-appsync.js" "$here/appsync-prelude.graphql" "$out" 2>"$work/validate.log"; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name: $(cat "$work/validate.log")"; failed=$((failed + 1))
  fi
}

forum=$(load forum "$src/tests/fixtures/forum_example.sql") || { echo "cannot load forum_example.sql"; exit 1; }
s=forum_example
compare forum-defaults "$forum" $s "" '{}'
compare forum-defaults-unsorted "$forum" $s "" '{}'
# (--simple-collections both is not checked on the forum: PostGraphile rejects it, because the
# sample's `@foreignFieldName posts` names both the connection and the list.)
compare forum-simple-only "$forum" $s "--simple-collections only" '{"simpleCollections":"only"}'
compare forum-classic-ids "$forum" $s "--classic-ids" '{"classicIds":true}'
compare forum-dynamic-json "$forum" $s "--dynamic-json" '{"dynamicJson":true}'
compare forum-legacy-omit "$forum" $s "--legacy-relations omit" '{"legacyRelations":"omit"}'
compare forum-rbac "$forum" $s "--no-ignore-rbac" '{"ignoreRBAC":false}'
compare forum-no-mutations "$forum" $s "--disable-default-mutations" '{"disableDefaultMutations":true}'
compare forum-appsync-options "$forum" $s "--simple-collections only --legacy-relations omit --no-ignore-rbac" \
  '{"simpleCollections":"only","legacyRelations":"omit","ignoreRBAC":false}'
# RBAC as the sample's Lambda login role (member of the anonymous and person roles): no createPerson.
login=lambda_runner:conformance compare forum-rbac-lambda-runner "$forum" $s "--no-ignore-rbac" '{"ignoreRBAC":false}'
appsync forum-appsync "$forum" $s

if [ -f "$src/tests/fixtures/kitchen_sink.sql" ]; then
  ks=$(load ks "$src/tests/fixtures/kitchen_sink.sql" "$src/tests/fixtures/kitchen_sink_data.sql") || { echo "cannot load kitchen_sink.sql"; exit 1; }
  s=ks_a,ks_b,ks_c
  compare ks-defaults "$ks" $s "" '{}'
  compare ks-defaults-unsorted "$ks" $s "" '{}'
  compare ks-both-dynamic-classic-omit "$ks" $s "--simple-collections both --dynamic-json --classic-ids --legacy-relations omit" \
    '{"simpleCollections":"both","dynamicJson":true,"classicIds":true,"legacyRelations":"omit"}'
  compare ks-both-dynamic-classic-omit-unsorted "$ks" $s "--simple-collections both --dynamic-json --classic-ids --legacy-relations omit" \
    '{"simpleCollections":"both","dynamicJson":true,"classicIds":true,"legacyRelations":"omit"}'
  compare ks-only-legacy-nonulls-nomut-jwt "$ks" $s \
    "--simple-collections only --legacy-relations only --no-setof-functions-contain-nulls --disable-default-mutations --jwt-token-identifier ks_b.jwt_token --jwt-secret secret" \
    '{"simpleCollections":"only","legacyRelations":"only","setofFunctionsContainNulls":false,"disableDefaultMutations":true,"jwtPgTypeIdentifier":"ks_b.jwt_token","jwtSecret":"secret"}'
  compare ks-rbac-indexes-parent-legacyjson "$ks" $s "--no-ignore-rbac --no-ignore-indexes --use-partitioned-parent --legacy-json-uuid" \
    '{"ignoreRBAC":false,"ignoreIndexes":false,"usePartitionedParent":true,"legacyJsonUuid":true}'
  gbo='{"graphileBuildOptions":{"pgGeometricTypes":true,"pgUseCustomNetworkScalars":true,"orderByNullsLast":true,"pgStrictFunctions":true}}'
  compare ks-graphile-build-options "$ks" $s "" "$gbo" "$gbo"
  compare ks-view-unique-key "$ks" $s "" '{"viewUniqueKey":"id"}' '{"viewUniqueKey":"id"}'
  appsync ks-appsync "$ks" $s
fi

ed=$(load enum_domain "$here/fixtures/enum_domain.sql") || { echo "cannot load enum_domain.sql"; exit 1; }
compare enum-domain "$ed" refract_enum_domain "" '{}'
compare enum-domain-unsorted "$ed" refract_enum_domain "" '{}'
appsync enum-domain-appsync "$ed" refract_enum_domain

echo "reflect conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

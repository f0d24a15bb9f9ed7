#!/usr/bin/env bash
# Production smoke test without a Docker engine: runs natively what docker-compose.yml
# describes (the portal's environment read from `docker-compose config`, migrations, gunicorn,
# a Celery worker and beat, nginx with the shipped deploy/nginx.conf) against this machine's
# PostgreSQL (a fresh database, dropped afterwards) and Redis (databases 14 and 15, flushed),
# then checks it through nginx (scripts/smoke_check.py). Run from the repository root:
#
#   bash scripts/smoke_production.sh               # the compose configuration; exit 0 = pass
#   bash scripts/smoke_production.sh --self-test   # then restart gunicorn with wrong settings
#                                                   # (TRUSTED_PROXY_COUNT 0 and 2, ALLOWED_HOSTS,
#                                                   # SERVE_MEDIA): each must fail its check
#   SMOKE_BREAK="TRUSTED_PROXY_COUNT=0" bash scripts/smoke_production.sh   # must fail
#
# SMOKE_BREAK overrides portal variables after compose's (to see a check catch a wrong
# setting); SMOKE_KEEP=1 keeps the temporary folder (logs, rendered nginx configuration).
# Needs PostgreSQL (trust auth for postgres) and Redis on 127.0.0.1, and root or nginx and
# docker-compose installed (scripts/sysdeps.sh installs them). About 20-30 s; 60 s with
# --self-test.
set -euo pipefail

SELF_TEST=0
for arg in "$@"; do
  case "$arg" in
    --self-test) SELF_TEST=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "smoke: unknown argument $arg" >&2; exit 2 ;;
  esac
done

START=$(date +%s)
PUBLIC_HOST=hoctap.example.vn            # the README's example .env
CLIENT_IP=127.0.0.9                      # the visitor's own loopback address (not nginx's)
CACHE_URL_LOCAL=redis://127.0.0.1:6379/14
BROKER_URL_LOCAL=redis://127.0.0.1:6379/15
VENV=.venv
PY=$VENV/bin/python

say() { printf '== %s\n' "$*"; }
die() { printf 'smoke: FAILED: %s\n' "$*" >&2; exit 1; }

if [ ! -f manage.py ] || [ ! -f docker-compose.yml ]; then die "run me from the repository root"; fi
[ -x "$PY" ] || die "no virtual environment in $VENV: run 'make install' first"

# --- cleanup: every process this script starts, the database, the two Redis databases --------
PIDS=()          # process-group leaders started with setsid (their children die with them)
declare -A PID_OF=()   # service name -> its process group
DB_NAME=""
TMP=""
FAILED_LOGS=1
stop_group() {   # stop_group PID: TERM the group, KILL it after 10 s
  local pid=$1
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$status" -ne 0 ] && [ "$FAILED_LOGS" -eq 1 ] && [ -n "$TMP" ] && [ -d "$TMP/logs" ]; then
    for log in "$TMP"/logs/*.log; do
      [ -s "$log" ] || continue
      printf '\n---- last lines of %s ----\n' "$(basename "$log")" >&2
      tail -n 25 "$log" >&2
    done
  fi
  local pid
  for pid in "${PIDS[@]}"; do stop_group "$pid"; done
  if [ -n "$DB_NAME" ]; then
    dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB_NAME" 2>/dev/null \
      || echo "smoke: could not drop database $DB_NAME" >&2
  fi
  redis-cli -u "$CACHE_URL_LOCAL" flushdb >/dev/null 2>&1 || true
  redis-cli -u "$BROKER_URL_LOCAL" flushdb >/dev/null 2>&1 || true
  if [ -n "$TMP" ]; then
    if [ "${SMOKE_KEEP:-0}" = 1 ]; then echo "smoke: kept $TMP"; else rm -rf "$TMP"; fi
  fi
  if [ "$status" -eq 0 ]; then
    echo "smoke: PASSED in $(( $(date +%s) - START )) s"
  else
    echo "smoke: FAILED (exit $status) after $(( $(date +%s) - START )) s" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME CMD...: run CMD in its own process group, output in $TMP/logs/NAME.log
start() {
  local name=$1; shift
  setsid "$@" >"$TMP/logs/$name.log" 2>&1 < /dev/null &
  PIDS+=("$!")
  PID_OF[$name]=$!
}
alive() {  # alive NAME: the process started under NAME still runs
  kill -0 "${PID_OF[$1]}" 2>/dev/null || die "$1 exited: see $1.log below"
}
wait_for() {  # wait_for SECONDS DESCRIPTION CMD...: retry CMD until it succeeds
  local seconds=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "$what not ready after ${seconds} s"
    sleep 0.3
  done
}

# --- the machine ----------------------------------------------------------------------------
say "system packages and services"
bash scripts/sysdeps.sh nginx docker-compose
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not answering on 127.0.0.1:5432"
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || die "Redis is not answering on 127.0.0.1:6379"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
echo "nginx: $("$NGINX" -v 2>&1); $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"

TMP=$(mktemp -d /tmp/smoke_production.XXXXXX)
chmod 755 "$TMP"        # nginx's workers run unprivileged and read the uploads below it
mkdir -p "$TMP/logs" "$TMP/mail" "$TMP/var"
GUNICORN_PORT=$("$PY" scripts/smoke_check.py free-port)
NGINX_PORT=$("$PY" scripts/smoke_check.py free-port)
SMTP_PORT=$("$PY" scripts/smoke_check.py free-port)
DB_NAME="smoke_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

# --- the environment compose gives the portal -----------------------------------------------
say "docker-compose.yml: the portal's environment"
# The operator's .env, as the README writes it.
cat > "$TMP/compose.env" <<ENV
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
POSTGRES_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
ALLOWED_HOSTS=$PUBLIC_HOST
SITE_URL=https://$PUBLIC_HOST
CSRF_TRUSTED_ORIGINS=https://$PUBLIC_HOST
EMAIL_URL=smtp://127.0.0.1:$SMTP_PORT
RELEASE=smoke-$(git rev-parse --short HEAD 2>/dev/null || echo local)
ENV
chmod 600 "$TMP/compose.env"
# Nothing from this shell's environment leaks into the interpolation.
env -i PATH="$PATH" docker-compose --env-file "$TMP/compose.env" -f docker-compose.yml config \
  > "$TMP/compose.yml" || die "docker-compose config refused docker-compose.yml"
# YAML to JSON with docker-compose's own interpreter (it ships PyYAML).
COMPOSE_PY=$(head -n1 "$(command -v docker-compose)" | sed 's/^#! *//')
"$COMPOSE_PY" -c 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)' \
  < "$TMP/compose.yml" > "$TMP/compose.json"
"$PY" scripts/smoke_check.py compose --config "$TMP/compose.json" --tmp "$TMP" \
  --database-url "postgres://postgres@127.0.0.1:5432/$DB_NAME" \
  --cache-url "$CACHE_URL_LOCAL" --broker-url "$BROKER_URL_LOCAL" \
  --env-out "$TMP/portal.env" --plan-out "$TMP/plan.sh" || die "docker-compose.yml is inconsistent"
# shellcheck disable=SC1091
source "$TMP/plan.sh"
# shellcheck disable=SC1091
source "$TMP/portal.env"
if [ -n "${SMOKE_BREAK:-}" ]; then
  for assignment in $SMOKE_BREAK; do
    echo "SMOKE_BREAK: $assignment (deliberately wrong: this run should fail)"
    export "${assignment?}"
  done
fi
export PATH="$PWD/$VENV/bin:$PATH"   # python, gunicorn, celery of the image = the venv's
export GUNICORN_BIND=127.0.0.1:$GUNICORN_PORT   # compose: 0.0.0.0:8000 inside the container

say "deploy/nginx.conf, as compose mounts it, with the addresses of this machine"
NGINX_MAIN=$("$PY" scripts/smoke_check.py render-nginx --conf "$SMOKE_NGINX_CONF" --tmp "$TMP" \
  --upstream "$SMOKE_UPSTREAM" --listen "$SMOKE_LISTEN" --port "$NGINX_PORT" \
  --gunicorn-port "$GUNICORN_PORT" --media-root "$SMOKE_COMPOSE_MEDIA_ROOT" \
  --media-dir "$MEDIA_ROOT") || die "cannot render deploy/nginx.conf"
echo "only these lines differ from the shipped file:"
diff "$SMOKE_NGINX_CONF" "$TMP/nginx/portal.conf" | sed -n 's/^[<>]/   &/p' || true
# compose's nginx healthcheck is `nginx -t`: the configuration must load.
"$NGINX" -e stderr -p "$TMP/nginx" -c "$NGINX_MAIN" -t -q || die "nginx -t refuses the configuration"

# --- build, migrate, deploy checks, data -------------------------------------------------
say "image build step: collectstatic with the Dockerfile's throwaway settings"
# shellcheck disable=SC2086  # BUILD_ENV is a list of assignments, split on purpose
env -i PATH="$PATH" HOME="$HOME" DJANGO_ENV=production $SMOKE_BUILD_ENV \
  python manage.py collectstatic --noinput -v0 || die "collectstatic failed with BUILD_ENV"

say "database $DB_NAME, Redis databases 14 (cache) and 15 (broker)"
createdb -h 127.0.0.1 -U postgres "$DB_NAME" || { DB_NAME=""; die "cannot create a database"; }
redis-cli -u "$CACHE_URL_LOCAL" flushdb >/dev/null
redis-cli -u "$BROKER_URL_LOCAL" flushdb >/dev/null
echo "migrate service: ${SMOKE_MIGRATE_CMD[*]}"
"${SMOKE_MIGRATE_CMD[@]}" -v0 || die "migrations failed"

say "manage.py check --deploy (any warning fails)"
python manage.py check --deploy --fail-level WARNING || die "check --deploy is not clean"
if python manage.py load_demo >/dev/null 2>&1; then die "load_demo ran in production"; fi
echo "load_demo refuses to run in production (as it should): seeding minimal data"
python scripts/smoke_check.py seed --out "$TMP/seed.json" || die "could not create the data"

# --- the services --------------------------------------------------------------------------
say "services: SMTP sink, gunicorn, worker, beat, nginx"
start smtp python scripts/smoke_check.py smtp-sink --port "$SMTP_PORT" --folder "$TMP/mail"
echo "web:    ${SMOKE_WEB_CMD[*]}  (bind $GUNICORN_BIND)"
start web "${SMOKE_WEB_CMD[@]}"
echo "worker: ${SMOKE_WORKER_CMD[*]}"
start worker "${SMOKE_WORKER_CMD[@]}"
echo "beat:   ${SMOKE_BEAT_CMD[*]}"
start beat "${SMOKE_BEAT_CMD[@]}"
start nginx "$NGINX" -e stderr -p "$TMP/nginx" -c "$NGINX_MAIN" -g 'daemon off;'

WEB_HEALTHCHECK=${SMOKE_WEB_HEALTHCHECK//127.0.0.1:$SMOKE_GUNICORN_CONTAINER_PORT/$GUNICORN_BIND}
echo "web healthcheck (compose's, on gunicorn's port): $WEB_HEALTHCHECK"
wait_for 60 "gunicorn (web healthcheck)" sh -c "$WEB_HEALTHCHECK"
alive web
wait_for 15 "nginx" bash -c "exec 3<>/dev/tcp/127.0.0.1/$NGINX_PORT"
alive nginx
echo "worker healthcheck (compose's): $SMOKE_WORKER_HEALTHCHECK"
HOSTNAME=$(python -c 'import socket; print(socket.gethostname())')  # celery@$HOSTNAME
export HOSTNAME
wait_for 60 "the Celery worker (worker healthcheck)" sh -c "$SMOKE_WORKER_HEALTHCHECK"
alive worker
alive beat
alive smtp
echo "all services up after $(( $(date +%s) - START )) s"

# --- the checks --------------------------------------------------------------------------
say "checks through nginx (http://127.0.0.1:$NGINX_PORT, Host: $PUBLIC_HOST, from $CLIENT_IP)"
CHECK_ARGS=(--nginx "127.0.0.1:$NGINX_PORT" --gunicorn "$GUNICORN_BIND" --host "$PUBLIC_HOST"
  --client-ip "$CLIENT_IP" --seed "$TMP/seed.json" --mail-dir "$TMP/mail"
  --access-log "$TMP/nginx/access.log" --worker-log "$TMP/logs/worker.log")
status=0
python scripts/smoke_check.py check "${CHECK_ARGS[@]}" || status=1
for name in web worker beat nginx smtp; do alive "$name"; done
if ls "$TMP"/var/celerybeat-schedule* >/dev/null 2>&1; then
  echo "  ok   beat            running, schedule file written"
else
  echo "  FAIL beat            no schedule file in $TMP/var"; status=1
fi
if grep -nE 'Traceback|\[(ERROR|CRITICAL)\]|: (ERROR|CRITICAL)/| (ERROR|CRITICAL) [a-z]' "$TMP"/logs/{web,worker,beat}.log; then
  echo "  FAIL logs            errors in the services' logs (above)"; status=1
else
  echo "  ok   logs            no error nor traceback in the web, worker and beat logs"
fi
[ "$status" -eq 0 ] || die "some checks failed (see FAIL above)"

# --- optional: prove that wrong settings fail ---------------------------------------------
restart_web() {  # restart_web VAR=value...: gunicorn again with these overrides
  stop_group "${PID_OF[web]}"
  start web env "$@" "${SMOKE_WEB_CMD[@]}"
  # The healthcheck runs inside the container, with the container's environment.
  wait_for 60 "gunicorn (web healthcheck)" env "$@" sh -c "$WEB_HEALTHCHECK"
}
expect_failure() {  # expect_failure CHECK VAR=value: that check must fail with the override
  local check=$1 override=$2
  restart_web "$override"
  if python scripts/smoke_check.py check "${CHECK_ARGS[@]}" --only "$check" \
      | sed 's/^  FAIL /    (expected) FAIL /'; then
    FAILED_LOGS=0; die "self-test: $check still passes with $override"
  fi
  echo "  ok   self-test: '$check' fails with $override, as it must"
}
if [ "$SELF_TEST" -eq 1 ]; then
  say "self-test: the same stack with one wrong setting at a time"
  expect_failure client-address TRUSTED_PROXY_COUNT=0
  expect_failure client-address TRUSTED_PROXY_COUNT=2
  expect_failure pages ALLOWED_HOSTS=portal.invalid
  expect_failure media SERVE_MEDIA=true
fi

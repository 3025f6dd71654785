#!/usr/bin/env bash
# Runs the whole test suite: installs and starts what the tests need (PostgreSQL, Chromium),
# runs every test project, stops what it started and prints "N passed, N failed, N skipped".
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

log() { printf '[test] %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_updated=0
apt_install() {
  if ! is_root; then
    log "cannot install $* without root; tests that need it skip (fail under CI=true)"
    return 1
  fi
  if [ "$apt_updated" -eq 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

# Chromium for the Playwright browser tests.
if [ -z "${WORKFLOWKIT_CHROMIUM:-}" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    log "installing chromium"
    apt_install chromium || log "chromium install failed"
  fi
  if [ -x /usr/bin/chromium ]; then
    export WORKFLOWKIT_CHROMIUM=/usr/bin/chromium
  fi
fi

# A Chinese font, so that screenshots of the browser tests show Chinese text instead of boxes.
if is_root && ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then
  log "installing fonts-wqy-microhei"
  apt_install fonts-wqy-microhei || log "fonts-wqy-microhei install failed; screenshots show boxes for Chinese"
fi

# A throwaway PostgreSQL cluster, unless the caller gave one in WORKFLOWKIT_TEST_POSTGRES.
pg_dir=""
pg_bin=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -n "$pg_bin" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT

find_pg_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if [ -z "${WORKFLOWKIT_TEST_POSTGRES:-}" ]; then
  pg_bin=$(find_pg_bin) || { log "installing postgresql"; apt_install postgresql; pg_bin=$(find_pg_bin); } || pg_bin=""
  if [ -n "$pg_bin" ] && is_root && id postgres >/dev/null 2>&1; then
    pg_dir=$(mktemp -d /tmp/workflowkit-pg.XXXXXX)
    chown postgres "$pg_dir"
    port=${WORKFLOWKIT_TEST_POSTGRES_PORT:-55432}
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
    if runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c max_connections=300 -c fsync=off" -w start >/dev/null; then
      runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres workflowkit_test
      export WORKFLOWKIT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=workflowkit_test"
      log "PostgreSQL started on 127.0.0.1:$port"
    else
      log "PostgreSQL did not start; see $pg_dir/server.log"
      cat "$pg_dir/server.log" >&2 || true
    fi
  else
    log "PostgreSQL is not available; PostgreSQL tests skip (fail under CI=true)"
  fi
fi

export WORKFLOWKIT_SHARED_DATA="${WORKFLOWKIT_SHARED_DATA:-$root/../shared/data}"

log "building"
if ! dotnet build WorkflowKit.sln -c Debug -nologo -v quiet; then
  echo "0 passed, 1 failed, 0 skipped"
  log "build failed"
  exit 1
fi

log "running tests"
dotnet test WorkflowKit.sln -c Debug --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_exit=$?

passed=0
failed=0
skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  while read -r outcome; do
    case "$outcome" in
      Passed) passed=$((passed + 1)) ;;
      Failed|Error|Timeout|Aborted) failed=$((failed + 1)) ;;
      *) skipped=$((skipped + 1)) ;;
    esac
  done < <(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o ' outcome="[A-Za-z]*"' | cut -d'"' -f2)
done

if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed test host leaves no result for the tests it did not run.
  failed=1
  log "dotnet test exited with $test_exit without a failed result; counting the run as failed"
fi

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ "$test_exit" -ne 0 ]; then
  exit 1
fi
exit 0

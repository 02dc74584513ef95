#!/usr/bin/env bash
# Install Debian's Virtuoso for the remote-store tests when it is missing. The tests start a private
# virtuoso-t of their own (tests/servers.py); the package's system service is never left running.
# Without Virtuoso those tests fail (they are not skipped), so under CI=true this script fails when it
# cannot install it; elsewhere it warns and lets the test run report the failure.
set -u
fail() {
  echo "$1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
SERVICE=virtuoso-opensource-7

stop_system_service() {
  # The tests need the binaries only: a system Virtuoso would hold ports 1111/8890 and a database
  # under /var/lib. Stop the Debian service if the package started it, and keep it from starting at boot.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now "$SERVICE" >/dev/null 2>&1 || true
  fi
  if [ -x "/etc/init.d/$SERVICE" ]; then
    "/etc/init.d/$SERVICE" stop >/dev/null 2>&1 || true
    update-rc.d "$SERVICE" disable >/dev/null 2>&1 || true
  fi
  if [ -f "/etc/default/$SERVICE" ]; then
    sed -i 's/^RUN=yes/RUN=no/' "/etc/default/$SERVICE"
  fi
}

if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  fail "virtuoso-t is not installed and cannot be installed here (needs root and apt-get): the Virtuoso store tests will fail"
fi
echo "installing virtuoso-opensource for the remote-store tests (apt-get)..." >&2
# An empty DBA password (asked through debconf) makes the package disable its daemon; nothing is prompted.
printf '%s\n' \
  "$SERVICE $SERVICE/dba-password password " \
  "$SERVICE $SERVICE/dba-password-again password " \
  "$SERVICE $SERVICE/register-odbc-dsn boolean false" | debconf-set-selections
install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=300 virtuoso-opensource >/dev/null
}
install || { apt-get update -qq -o DPkg::Lock::Timeout=300 && install; } \
  || fail "virtuoso-opensource install failed: the Virtuoso store tests will fail"
stop_system_service
command -v virtuoso-t >/dev/null 2>&1 || fail "virtuoso-t is still missing after the install"
exit 0

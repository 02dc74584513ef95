#!/usr/bin/env bash
# Install Debian's Virtuoso (virtuoso-opensource) for the remote-store tests against a second SPARQL engine.
# Without it those tests are skipped; under CI=true a failed install is an error.
set -u
if command -v virtuoso-t >/dev/null 2>&1; then exit 0; fi
fail() {
  echo "$1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  fail "virtuoso-opensource not installed and cannot install it here: the Virtuoso store tests will be skipped"
fi
echo "installing virtuoso-opensource for the store tests (apt-get)..." >&2
# The package's post-install asks for a DBA password and starts a system service: neither is wanted here.
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends \
   virtuoso-opensource >/dev/null) || fail "virtuoso-opensource install failed: the Virtuoso store tests will be skipped"
command -v virtuoso-t >/dev/null 2>&1 || fail "virtuoso-t missing after install"
exit 0

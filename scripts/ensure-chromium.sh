#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (the tests skip without it,
# except under CI=true, where a missing browser fails this script and the tests).
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
fail() {
  echo "$1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  fail "chromium not installed and cannot install it here: browser tests will be skipped"
fi
echo "installing chromium for the browser tests (apt-get)..." >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
  || fail "chromium install failed: browser tests will be skipped"
exit 0

#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing. Without it the browser tests
# skip, which is a failure under CI=true: there this script fails when it cannot install Chromium.
set -u
fail() {
  echo "$1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  fail "chromium is not installed and cannot be installed here (needs root and apt-get): browser tests will skip"
fi
echo "installing chromium for the browser tests (apt-get)..." >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
  || fail "chromium install failed: browser tests will skip"
command -v chromium >/dev/null 2>&1 || fail "chromium is still missing after the install"
exit 0

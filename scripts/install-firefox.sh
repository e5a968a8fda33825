#!/usr/bin/env bash
# Installs Debian's Firefox ESR when no Firefox is on the machine. The Firefox suite
# (e2e-firefox/, part of `npm test`) drives it with puppeteer-core over WebDriver BiDi.
set -euo pipefail
if [ -n "${FIREFOX_PATH:-}" ] && [ -x "$FIREFOX_PATH" ]; then exit 0; fi
for candidate in /usr/bin/firefox-esr /usr/bin/firefox; do
  [ -x "$candidate" ] && exit 0
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Debian's Firefox ESR (apt-get install firefox-esr)…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq firefox-esr >/dev/null
echo "Firefox ESR installed at /usr/bin/firefox-esr"

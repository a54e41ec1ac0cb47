#!/usr/bin/env bash
# Installs the Debian packages the test runs need: Chromium and its driver (browser tests),
# PostgreSQL (the PostgreSQL run), gettext, Pango with a font for WeasyPrint's PDFs, and hey (the load of
# the page benchmark). Does nothing when they are present.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v chromedriver >/dev/null 2>&1 || needed+=(chromium-driver)
command -v pg_ctlcluster >/dev/null 2>&1 || needed+=(postgresql)
command -v msgfmt >/dev/null 2>&1 || needed+=(gettext)
command -v hey >/dev/null 2>&1 || needed+=(hey)
/sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 || needed+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -d /usr/share/fonts/truetype/dejavu ] || needed+=(fonts-dejavu-core)
if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${needed[*]}. Run 'sudo $0' once." >&2
  exit 1
fi
echo "Installing Debian packages: ${needed[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null

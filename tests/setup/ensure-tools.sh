#!/usr/bin/env bash
# Makes sure the machine has what the test suite drives for real: Debian's Chromium (end-to-end tests),
# poppler and LibreOffice (export checks), and running PostgreSQL and Redis (scale-out tests).
# Installs only what is missing, and only where it can (root with apt-get); otherwise says what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-tools: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
  else
    echo "ensure-tools: please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

# PostgreSQL and Redis are started only where this machine has them installed but stopped.
if command -v pg_ctlcluster >/dev/null 2>&1 && ! (command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -q); then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
if command -v redis-server >/dev/null 2>&1 && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi

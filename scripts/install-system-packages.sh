#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: Chromium (browser tests),
# Prometheus (mesh health fixture; its promtool checks the alert rules), PostgreSQL (the production
# database engine), VictoriaMetrics (the global store that Prometheus servers remote_write to),
# Redis (the shared cache of several backend replicas) and, when no kubectl is on the machine,
# kubernetes-client (kubectl kustomize).
# Already-installed packages are left alone, so re-running is cheap.
set -euo pipefail

wanted=(chromium prometheus postgresql victoria-metrics redis-server)
missing=()
# `kubectl kustomize` builds the rendered trees in a test; where no kubectl is installed yet,
# Debian's kubernetes-client provides one.
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present (${wanted[*]}, kubectl)"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system packages: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian's packages start their services on install where systemd runs; tests start their own
# servers on free ports, so nothing here depends on those services.
echo "system packages: installed ${missing[*]}"

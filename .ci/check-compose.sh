#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker-compose config` parses the
# file, checks it against the Compose schema and resolves variables, all offline.
# Exit codes: 0 valid, 1 invalid, 2 no Compose CLI available to check with.
set -euo pipefail

indent() { sed 's/^/  /'; }

cd "$(dirname "$0")/.."
file=docker-compose.yml

if [[ ! -f "$file" ]]; then
  echo "check-compose: $file not found in $(pwd)" >&2
  exit 1
fi

# Prefer the standalone CLI (Debian's package); the Docker CLI plugin validates the same way.
compose=()
if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "check-compose: installing docker-compose with apt-get (needs no Docker engine)"
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  # Output is kept for a failure only; debconf and needrestart are chatty even with -qq.
  # No recommends: they would pull in the Docker engine, which a config check does not need.
  if ! log=$( { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose; } 2>&1 ); then
    echo "check-compose: apt-get could not install docker-compose:" >&2
    echo "$log" | indent >&2
    exit 2
  fi
  compose=(docker-compose)
else
  if [[ "$(id -u)" -ne 0 ]]; then
    why="not running as root, so apt-get cannot install it"
  else
    why="apt-get is not available to install it"
  fi
  echo "check-compose: cannot check $file: neither docker-compose nor 'docker compose' is installed," >&2
  echo "  and $why. Install one (Debian: apt-get install docker-compose) and re-run." >&2
  exit 2
fi

if ! output=$("${compose[@]}" -f "$file" config -q 2>&1); then
  echo "check-compose: $file is invalid according to '${compose[*]} config':" >&2
  echo "$output" | indent >&2
  exit 1
fi
echo "check-compose: $file is valid (${compose[*]} config)"

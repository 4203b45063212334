#!/usr/bin/env bash
# Makes a Docker engine answer for fencecheck: does nothing if one already does (DOCKER_HOST is
# honoured); otherwise, as root on a Debian-like system, installs Debian's docker.io (plus
# debootstrap, which builds the base image where no registry is reachable) and starts dockerd.
# Safe to run again at any time.
set -euo pipefail

LOG=/var/log/fencecheck-dockerd.log
WAIT_SECONDS=60

engine_answers() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

# Without pgrep: a minimal system has no procps.
dockerd_running() {
  local comm
  for comm in /proc/[0-9]*/comm; do
    [ "$(cat "${comm}" 2>/dev/null)" = dockerd ] && return 0
  done
  return 1
}

if engine_answers; then
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ]; then
  echo "setup-docker: no Docker engine answers at DOCKER_HOST=${DOCKER_HOST}; start that engine or unset DOCKER_HOST" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-docker: no Docker engine answers; install and start Docker, set DOCKER_HOST to a running engine, or run this script as root on Debian/Ubuntu (sudo bash scripts/setup-docker.sh)" >&2
  exit 1
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-docker: installing docker.io debootstrap iptables …"
  apt_log="$(mktemp)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap iptables; } >"${apt_log}" 2>&1; then
    echo "setup-docker: apt-get failed; its last lines:" >&2
    tail -n 20 "${apt_log}" >&2
    rm -f "${apt_log}"
    exit 1
  fi
  rm -f "${apt_log}"
fi

if ! dockerd_running; then
  echo "setup-docker: starting dockerd (log: ${LOG}) …"
  # A service manager, where there is one, keeps the engine running across logins and reboots.
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl start docker >/dev/null 2>&1 || true
  fi
  if ! dockerd_running; then
    nohup dockerd >>"${LOG}" 2>&1 </dev/null &
    started_pid=$!
  fi
fi

for _ in $(seq 1 "${WAIT_SECONDS}"); do
  if docker info >/dev/null 2>&1; then
    exit 0
  fi
  # A dockerd that already died will not answer later: report it now, not after a minute.
  if [ -n "${started_pid:-}" ] && ! kill -0 "${started_pid}" 2>/dev/null; then
    break
  fi
  sleep 1
done

echo "setup-docker: dockerd did not come up; the last lines of ${LOG}:" >&2
tail -n 20 "${LOG}" >&2 || true
exit 1

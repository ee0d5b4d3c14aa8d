#!/usr/bin/env bash
# Make sure the Debian packages a make target needs are there; install the missing ones with
# apt-get when run as root, else say which to install and fail.
#
#   scripts/need-debian.sh [--optional] WHO PACKAGE CHECK [PACKAGE CHECK ...]
#
# CHECK is a shell command that succeeds when PACKAGE's program is there. With --optional a
# package that cannot be installed is reported and the caller goes on (its tests skip).
set -euo pipefail

optional=false
if [ "${1:-}" = "--optional" ]; then
    optional=true
    shift
fi
who="$1"
shift

missing=()
checks=()
while [ $# -ge 2 ]; do
    bash -c "$2" >/dev/null 2>&1 || { missing+=("$1"); checks+=("$2"); }
    shift 2
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "== installing ${missing[*]} with apt-get (for $who) =="
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -q --no-install-recommends "${missing[@]}" \
        || { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; }; } \
        || true
fi
still=()
for i in "${!missing[@]}"; do
    bash -c "${checks[$i]}" >/dev/null 2>&1 || still+=("${missing[$i]}")
done
[ ${#still[@]} -eq 0 ] && exit 0
if $optional; then
    echo "not installed: ${still[*]} — $who will skip what needs it" >&2
    exit 0
fi
echo "$who needs these Debian packages: ${still[*]}  (sudo apt-get install ${still[*]})" >&2
exit 1

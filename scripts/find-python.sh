#!/usr/bin/env bash
# Print the path of a Python interpreter >= 3.12, or explain and exit 1.
# Every candidate is verified by running it (pyenv shims on PATH may exist but not work).
# Override with CONCORD_PYTHON=/path/to/python.
set -uo pipefail

check() {
    local py="$1" real
    [ -n "$py" ] || return 1
    real="$(command -v -- "$py" 2>/dev/null)" || return 1
    "$real" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 || return 1
    # Print the interpreter's own idea of its path (resolves shims and wrappers).
    "$real" -c 'import sys; print(sys.executable)' 2>/dev/null
}

if [ -n "${CONCORD_PYTHON:-}" ]; then
    if out="$(check "$CONCORD_PYTHON")" && [ -n "$out" ]; then
        printf '%s\n' "$out"
        exit 0
    fi
    echo "find-python: CONCORD_PYTHON=$CONCORD_PYTHON is not a working Python >= 3.12" >&2
    exit 1
fi

candidates=()
candidates+=(python3.13 python3.12 python3.14)
shopt -s nullglob
globbed=()
for pattern in \
    "${HOME:-/nonexistent}"/.pyenv/versions/3.1[2-9]*/bin/python3.1? \
    /root/.pyenv/versions/3.1[2-9]*/bin/python3.1? \
    /usr/local/bin/python3.1? \
    /usr/bin/python3.1? \
    /opt/python*/bin/python3.1?; do
    globbed+=("$pattern")
done
# Newest first.
for ((i = ${#globbed[@]} - 1; i >= 0; i--)); do
    candidates+=("${globbed[i]}")
done
candidates+=(python3)

for py in "${candidates[@]}"; do
    if out="$(check "$py")" && [ -n "$out" ]; then
        printf '%s\n' "$out"
        exit 0
    fi
done

cat >&2 <<'MSG'
find-python: no Python >= 3.12 found.
  Tried python3.13, python3.12, python3.14 on PATH, ~/.pyenv/versions/3.1x,
  /usr/local/bin/python3.1x, /usr/bin/python3.1x and python3.
  Install Python 3.12 or newer (e.g. `apt-get install python3.12` or pyenv),
  or point CONCORD_PYTHON at one: make env CONCORD_PYTHON=/path/to/python3.12
MSG
exit 1

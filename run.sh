#!/usr/bin/env bash
# LinReg Lab set-up and launcher.
#   ./run.sh [app options]   set up what is missing, then start the app (default data)
#   ./run.sh test [pytest options]   set up what is missing, then run the test suite
#   ./run.sh setup   only set up what is missing
# Set-up is idempotent: Debian packages Qt needs (GL/EGL, xkbcommon, fontconfig, xcb, a CJK
# font, Xvfb) are installed only when missing, and .venv is (re)built only when pyproject.toml
# changed since the last install.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libx11-xcb1 fonts-wqy-microhei xvfb xauth
)
PYTHON=${PYTHON:-python3}
VENV=.venv

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0   # not Debian: the user installs Qt's libraries
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    # Debian 13 renamed some libraries with a t64 suffix; either name will do
    dpkg -s "$pkg" >/dev/null 2>&1 || dpkg -s "${pkg}t64" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      echo "Missing system packages: ${missing[*]}" >&2
      echo "Install them with: apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  "${sudo[@]}" apt-get update -qq
  local available=()
  for pkg in "${missing[@]}"; do
    if apt-cache show "$pkg" >/dev/null 2>&1; then available+=("$pkg")
    elif apt-cache show "${pkg}t64" >/dev/null 2>&1; then available+=("${pkg}t64")
    else echo "warning: no package $pkg on this system; skipping it" >&2
    fi
  done
  echo "Installing system packages: ${available[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${available[@]}" >/dev/null
}

install_venv() {
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  local stamp="$VENV/.linreg-lab-installed" want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing LinReg Lab and its Python packages into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test,dev]"
    echo "$want" > "$stamp"
  fi
}

install_system_packages
install_venv
[ "${1:-}" = "setup" ] && exit 0

if [ "${1:-}" = "test" ]; then
  shift
  set +e
  "$VENV/bin/python" -m pytest "$@"
  rc=$?
  set -e
  if [ $rc -eq 5 ]; then
    echo "ERROR: pytest collected no tests" >&2
    exit 1
  fi
  exit $rc
fi
exec "$VENV/bin/linreg-lab" "$@"

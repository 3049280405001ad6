#!/usr/bin/env bash
# LinReg Lab set-up and launcher.
#   ./run.sh [app options]           set up what is missing, then start the app (default data)
#   ./run.sh test [pytest options]   set up what is missing, then run the test suite
#   ./run.sh setup                   only set up what is missing
# Set-up is idempotent: the Debian packages Qt needs (GL/EGL, xkbcommon, fontconfig, xcb, a CJK
# font, Xvfb) and Python's venv module are installed only when missing; .venv is built only
# when it is missing or broken, and LinReg Lab is (re)installed into it only when
# pyproject.toml changed since the last successful install.
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

say() { echo "run.sh: $*" >&2; }

check_python() {
  command -v "$PYTHON" >/dev/null 2>&1 || { say "no $PYTHON found; install Python 3.11 or newer"; exit 1; }
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    say "LinReg Lab needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)."
    say "Set PYTHON to a newer one, e.g. PYTHON=python3.12 ./run.sh"
    exit 1
  }
}

# The venv module's own package: Debian and Ubuntu ship python3 without ensurepip.
venv_package() {
  "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 && return 0
  local versioned
  versioned="python$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"
  if apt-cache show "$versioned" >/dev/null 2>&1; then echo "$versioned"; else echo python3-venv; fi
}

missing_packages() {
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    # Debian 13 renamed some libraries with a t64 suffix; either name will do
    dpkg -s "$pkg" >/dev/null 2>&1 || dpkg -s "${pkg}t64" >/dev/null 2>&1 || echo "$pkg"
  done
  venv_package
}

# Print the one line that installs `missing` as printed, and stop.
ask_for_root() {
  local line="apt-get update && apt-get install -y --no-install-recommends $*"
  say "these system packages are missing, and installing them needs root: $*"
  if command -v sudo >/dev/null 2>&1; then
    say "run this line (it asks for your password), then ./run.sh again:"
    echo "sudo apt-get update && sudo apt-get install -y --no-install-recommends $*" >&2
  else
    say "run this line (it asks for root's password), then ./run.sh again:"
    echo "su -c '$line'" >&2
  fi
  exit 1
}

# apt-get that retries once: a registry hiccup should not end the set-up.
apt_get() {
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get "$@" \
    || { say "apt-get $1 failed; retrying once"; sleep 5; DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get "$@"; }
}

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0   # not Debian: the user installs Qt's libraries
  local missing
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -v; then SUDO=(sudo); else ask_for_root "${missing[@]}"; fi
  fi
  apt_get update -qq
  local available=() pkg
  mapfile -t missing < <(missing_packages)  # the venv package's name is known after an update
  for pkg in "${missing[@]}"; do
    if apt-cache show "$pkg" >/dev/null 2>&1; then available+=("$pkg")
    elif apt-cache show "${pkg}t64" >/dev/null 2>&1; then available+=("${pkg}t64")
    else say "warning: no package $pkg on this system; skipping it"
    fi
  done
  [ ${#available[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${available[*]}"
  apt_get install -y -qq --no-install-recommends "${available[@]}" >/dev/null
}

pip_install() {
  "$VENV/bin/python" -m pip install -q "$@" \
    || { say "pip install failed; retrying once"; sleep 5; "$VENV/bin/python" -m pip install -q "$@"; }
}

# A .venv counts only when its pip works: a half-made one (venv without ensurepip, a killed
# run) is removed and built again, never trusted.
install_venv() {
  if [ -e "$VENV" ] && ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    say "$VENV is incomplete (from an earlier failed set-up); building it again"
    rm -rf "$VENV"
  fi
  if [ ! -e "$VENV" ]; then
    "$PYTHON" -m venv "$VENV" && "$VENV/bin/python" -m pip --version >/dev/null \
      || { rm -rf "$VENV"; say "could not create $VENV with $PYTHON"; exit 1; }
  fi
  local stamp="$VENV/.linreg-lab-installed" want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing LinReg Lab and its Python packages into $VENV"
    rm -f "$stamp"
    pip_install --upgrade pip
    pip_install -e ".[test,dev]"
    echo "$want" > "$stamp"
  fi
}

# Qt aborts with a misleading message about xcb-cursor0 when there is no display at all.
check_display() {
  [ "$(uname -s)" = Linux ] || return 0
  [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ] && return 0
  local arg
  for arg in "$@"; do
    case "$arg" in
      -h|--help) return 0 ;;
      --screenshot|--screenshot=*) export QT_QPA_PLATFORM=offscreen; return 0 ;;
    esac
  done
  say "there is no display here (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset)."
  say "to open the window on a virtual screen:  xvfb-run -a ./run.sh $*"
  say "to render it to a picture instead:       ./run.sh --screenshot shot.png --steps 200"
  exit 2
}

check_python
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
    say "ERROR: pytest collected no tests"
    exit 1
  fi
  exit $rc
fi
check_display "$@"
exec "$VENV/bin/linreg-lab" "$@"

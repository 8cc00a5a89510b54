# Shared by quickstart.sh and test.sh: a project virtual environment in .venv.
# Sourced, not run.

ensure_apt_packages() {
  # Installs the Debian packages named in "$@" that are missing, when apt-get can.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo="sudo" || {
      echo "warning: cannot install ${missing[*]} (not root, no sudo); the tests that need them are skipped" >&2
      return 0
    }
  fi
  echo "==> apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || \
    echo "warning: apt-get could not install ${missing[*]}; the tests that need them are skipped" >&2
}

ensure_venv() {
  # .venv with ec-buildext installed (editable) with the extras in $1.
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; assert sys.version_info >= (3, 9)' 2>/dev/null; then
    echo "error: $python is missing or older than 3.9; set PYTHON=/path/to/python3" >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
      ensure_apt_packages python3-venv
      rm -rf .venv
      "$python" -m venv .venv
    fi
  fi
  echo "==> pip install -e .[$1] into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$1]"
}

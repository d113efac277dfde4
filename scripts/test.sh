#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine, then runs the whole test suite:
# the default model (scripts/setup.sh), the second model (scripts/fetch-second-model.sh, for the qwen2
# oracle tests), llama.cpp's tokenizer test vectors, headless Chromium for
# the web page's browser test (Debian packages, installed once), and `mvn verify`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/env.sh"
TPOP_SKIP_BUILD=1 "$here/scripts/setup.sh"
"$here/scripts/fetch-second-model.sh"
"$here/scripts/fetch-tokenizer-vectors.sh"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "[test] installing chromium and chromium-driver (apt) for the browser test"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver
fi
cd "$here"
mvn -B verify "$@"

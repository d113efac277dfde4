# Sourced by every script: picks JDK 25 (the Vector API and our build need it).
if [ -z "${TPOP_JAVA_HOME:-}" ]; then
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -q 'version "25'; then TPOP_JAVA_HOME="$c"; break; fi
  done
fi
if [ -z "${TPOP_JAVA_HOME:-}" ]; then
  echo "tpop needs JDK 25: install one (e.g. Temurin 25) and set JAVA_HOME to it" >&2
  exit 1
fi
export JAVA_HOME="$TPOP_JAVA_HOME"
export PATH="$JAVA_HOME/bin:$PATH"

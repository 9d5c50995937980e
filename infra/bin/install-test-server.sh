#!/usr/bin/env bash
# Installs Temporal's time-skipping test server for the workflow unit tests (packages/workflows,
# @temporalio/testing): the Java test server from Maven Central, pinned, into .tools/, plus a
# class-data-sharing archive so it starts in about a second (the SDK gives it 5 s to answer).
# Run by install.sh; idempotent, and quick when everything is present.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEST_SERVER_VERSION="1.38.0"   # io.temporal:temporal-test-server (Java SDK release)
DIR="$ROOT/.tools/temporal-test-server"
say() { echo "install: $*"; }
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

# 1. a Java runtime and Maven (Debian's), only when missing
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
if ((${#missing[@]})); then
  say "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# 2. the server's jars, copied into .tools; Maven's own cache (~/.m2) outlives a fresh clone, as
#    pip's and npm's caches do, so a new checkout copies them without the network
if [[ $(cat "$DIR/VERSION" 2>/dev/null) != "$TEST_SERVER_VERSION" ]]; then
  say "maven: resolving io.temporal:temporal-test-server:$TEST_SERVER_VERSION"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  if ! mvn -B -f "$ROOT/infra/temporal-test-server/pom.xml" \
    -Dtemporal.test.server.version="$TEST_SERVER_VERSION" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$DIR/lib" \
    >"$ROOT/.tools/temporal-test-server.mvn.log" 2>&1; then
    tail -30 "$ROOT/.tools/temporal-test-server.mvn.log" >&2
    echo "install: resolving the test server failed (log: .tools/temporal-test-server.mvn.log)" >&2
    exit 1
  fi
  [[ -f "$DIR/lib/temporal-test-server-$TEST_SERVER_VERSION.jar" ]] ||
    { echo "install: temporal-test-server jar missing from $DIR/lib" >&2; exit 1; }
  echo "$TEST_SERVER_VERSION" >"$DIR/VERSION"
else
  say "temporal-test-server $TEST_SERVER_VERSION present"
fi

# 3. the class-data-sharing archive: written by one start of the server, valid for this JVM only
java_version=$(java -version 2>&1 | head -1)
if [[ ! -f "$DIR/classes.jsa" || $(cat "$DIR/classes.jsa.java" 2>/dev/null) != "$java_version" ]]; then
  say "java: writing the test server's class-data-sharing archive"
  rm -f "$DIR/classes.jsa"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  java -XX:ArchiveClassesAtExit="$DIR/classes.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -cp "$DIR/lib/*" io.temporal.testserver.TestServer "$port" >"$DIR/archive.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # the archive is written at a normal exit: SIGTERM runs it, SIGKILL would not
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
  [[ -f "$DIR/classes.jsa" ]] || { echo "install: no classes.jsa; see $DIR/archive.log" >&2; exit 1; }
  echo "$java_version" >"$DIR/classes.jsa.java"
fi

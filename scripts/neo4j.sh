#!/usr/bin/env bash
# A real Neo4j Community server for tests and benchmarks, no install needed beyond Java 17 + Maven.
#
#   scripts/neo4j.sh start DIR   start it with data and logs under DIR on a free loopback port;
#                                prints one line `bolt://127.0.0.1:PORT USER PASSWORD` once it
#                                accepts Bolt connections
#   scripts/neo4j.sh stop DIR    stop it cleanly (no-op when it is not running)
#
# First use fetches Neo4j's jars from Maven Central (scripts/neo4j/pom.xml) and compiles the
# launcher (scripts/neo4j/KgNeo4j.java) into $KG_NEO4J_CACHE (default ~/.cache/kg-neo4j); later
# uses reuse them. The password is generated per DIR and kept in DIR/password (mode 0600).
# KG_NEO4J_JAVA picks the java binary (default: java on PATH; 5.26 runs on 17 and newer).
# KG_NEO4J_EXIT_WITH=PID: the server also stops once process PID is gone (the test runs pass
# their own pid, so a killed run leaves no server behind).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
SRC="$HERE/neo4j"
CACHE="${KG_NEO4J_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kg-neo4j}"
JAVA="${KG_NEO4J_JAVA:-java}"
JAVAC="$(dirname "$(command -v "$JAVA")")/javac"
[ -x "$JAVAC" ] || JAVAC="javac"
START_TIMEOUT="${KG_NEO4J_START_TIMEOUT:-240}"

die() { echo "neo4j.sh: $*" >&2; exit 1; }

version() { sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$SRC/pom.xml"; }

# Jars for this version and the launcher compiled from this source, made once (under a lock, so
# two first starts at once do not fetch twice). Prints the class path.
prepare() {
  local v lib sum classes
  v="$(version)"
  [ -n "$v" ] || die "no <neo4j.version> in $SRC/pom.xml"
  mkdir -p "$CACHE"
  lib="$CACHE/$v/lib"
  sum="$(cat "$SRC/KgNeo4j.java" "$SRC/pom.xml" | sha256sum | cut -c1-16)"
  classes="$CACHE/$v/classes-$sum"
  (
    flock 9
    if [ ! -f "$lib/.complete" ]; then
      command -v mvn >/dev/null || die "Maven (mvn) is needed once to fetch Neo4j $v"
      echo "neo4j.sh: fetching Neo4j Community $v from Maven Central into $lib" >&2
      rm -rf "$lib"
      mvn -q -B -f "$SRC/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$lib" -DincludeScope=runtime >"$CACHE/mvn.log" 2>&1 \
        || die "fetching Neo4j $v failed (see $CACHE/mvn.log)"
      touch "$lib/.complete"
    fi
    if [ ! -f "$classes/KgNeo4j.class" ]; then
      rm -rf "$classes.tmp" && mkdir -p "$classes.tmp"
      "$JAVAC" -nowarn -cp "$lib/*" -d "$classes.tmp" "$SRC/KgNeo4j.java" >"$CACHE/javac.log" 2>&1 \
        || die "compiling the launcher failed (see $CACHE/javac.log)"
      mv "$classes.tmp" "$classes"
    fi
  ) 9>"$CACHE/.lock" || exit 1
  echo "$lib/*:$classes"
}

# The launcher of DIR runs under the pid in DIR/neo4j.pid (not a zombie, not a reused pid).
pid_alive() {
  local state
  state="$(sed -n 's/^[0-9]* (.*) \([A-Z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q KgNeo4j
}
alive() { [ -f "$1/neo4j.pid" ] && pid_alive "$(cat "$1/neo4j.pid")"; }

start() {
  local dir="$1" cp log pid line deadline
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  alive "$dir" && die "a server is already running for $dir (pid $(cat "$dir/neo4j.pid"))"
  cp="$(prepare)"
  mkdir -p "$dir/logs"
  log="$dir/logs/launcher.log"
  : >"$log"
  # setsid: the server outlives this script, and a Ctrl-C in the caller's terminal does not
  # reach it; `stop` ends it.
  setsid "$JAVA" -Xms256m -Xmx"${KG_NEO4J_HEAP:-1g}" -XX:+UseParallelGC \
    -Dfile.encoding=UTF-8 -cp "$cp" KgNeo4j "$dir" </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/neo4j.pid"
  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    line="$(grep -m1 '^ready bolt://' "$log" || true)"
    [ -n "$line" ] && break
    if ! pid_alive "$pid"; then
      rm -f "$dir/neo4j.pid"
      die "Neo4j did not start: $(grep -m1 -E 'Exception|Error' "$log" || tail -n1 "$log") (see $log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      stop "$dir"
      die "Neo4j did not accept Bolt connections within ${START_TIMEOUT}s (see $log)"
    fi
    sleep 0.2
  done
  echo "${line#ready } neo4j $(cat "$dir/password")"
}

stop() {
  local dir="$1" pid i
  [ -d "$dir" ] || return 0
  [ -f "$dir/neo4j.pid" ] || return 0
  pid="$(cat "$dir/neo4j.pid")"
  if pid_alive "$pid"; then
    kill -TERM "$pid"  # the launcher's shutdown hook closes the databases
    for i in $(seq 1 600); do
      pid_alive "$pid" || break
      sleep 0.1
    done
    if pid_alive "$pid"; then
      echo "neo4j.sh: pid $pid still running after 60s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$dir/neo4j.pid"
}

case "${1:-}" in
  start) [ $# -eq 2 ] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start DIR | stop DIR" ;;
esac

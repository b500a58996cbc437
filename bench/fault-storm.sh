#!/usr/bin/env bash
# The long fault storm: Guichet run as a separate process against an embedded PostgreSQL and GreenMail (reached
# through TCP proxies of the test's own), killed with SIGKILL at random moments of a stream of requests and restarted
# at once, plus a database restart, an SMTP outage and an IMAP outage; then everything is counted from the outside
# (io.guichet.app.faults.FaultStorm, test sources of the app module; the short version runs in `./mvnw -B verify`
# as NodeFaultsIT).
#
#   bench/fault-storm.sh                       1,000 mails, 50 kills (7 to 14 minutes on 2 shared cores)
#   bench/fault-storm.sh --mails 200 --kills 10 --seed 42
#
# Options: --mails N --kills N --contacts N --seed N --smtp-outage SECONDS --imap-outage SECONDS --gap-ms MILLIS
# --dir PATH. Prints mails, kills, lost, duplicate tickets, duplicate answers (and the answers in flight at the
# faults, the most a fault may duplicate), the time to resume after a kill (median, max); exits 1 when the guarantee
# is broken. The node's log is kept in the run's directory (app/target/fault-runs/ by default).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [[ -z ${JAVA_HOME:-} ]]; then
    for candidate in /usr/lib/jvm/*; do
        if [[ -x $candidate/bin/javac ]]; then JAVA_HOME=$candidate; fi
    done
    export JAVA_HOME
fi
export PATH=$JAVA_HOME/bin:$PATH

echo "building the app module and its test classes (no install)..." >&2
./mvnw -B -q test-compile dependency:build-classpath -pl app -am -Djib.skip \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2

# The storm restarts the node many times from this class path: it runs from a copy of the project's classes, so a
# build in this checkout meanwhile cannot change them under it.
STAGE=app/target/fault-storm-classpath
rm -rf "$STAGE" && mkdir -p "$STAGE"
CLASSPATH_ENTRIES=()
IFS=: read -r -a ENTRIES <<< "app/target/test-classes:app/target/classes:$(cat app/target/test-classpath.txt)"
for entry in "${ENTRIES[@]}"; do
    if [[ -d $entry ]]; then
        copy="$STAGE/$(echo "${entry#"$ROOT"/}" | tr '/' '_')"
        cp -r "$entry" "$copy"
        CLASSPATH_ENTRIES+=("$ROOT/$copy")
    else
        CLASSPATH_ENTRIES+=("$entry")
    fi
done
STORM_CLASSPATH=$(IFS=:; echo "${CLASSPATH_ENTRIES[*]}")

cd app
exec java -cp "$STORM_CLASSPATH" io.guichet.app.faults.FaultStorm "$@"

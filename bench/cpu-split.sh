#!/usr/bin/env bash
# Runs `guichet bench ingest ARGS...` and prints where the machine's CPU went in each of its two timed phases (the
# Guichet node's, then the null desk's): CPU seconds per program (the JVM, PostgreSQL, Dovecot's lmtp, Postfix's
# master and smtpd, ...) and how busy the machine was. On 2 cores shared by the node, PostgreSQL and the mail servers,
# the rates the bench prints follow these seconds (docs/BENCHMARKS.md, "Where the CPU goes").
#
#   bench/cpu-split.sh --mails 5000 --contacts 2500 --imap-host 127.0.0.1 --imap-port 10143 --smtp-port 10025 \
#       --imap-user support@guichet.bench
#
# GUICHET_JAVA_OPTS and GUICHET_LAUNCHER (default: this checkout's ./guichet) are passed through. Linux only (/proc).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAUNCHER=${GUICHET_LAUNCHER:-$ROOT/guichet}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# one line per process: "pid comm ticks", ticks = its user + system time and its waited-for children's (a
# PostgreSQL backend's time moves to the postmaster when it exits: the node's connections, closed as it stops, count in
# the phase that follows)
snap() {
    # one cat for every process (a process that ends meanwhile is skipped), so that taking it costs next to nothing
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '
        { lp = index($0, "("); rp = 0
          for (k = length($0); k > lp; k--) if (substr($0, k, 1) == ")") { rp = k; break }
          if (!lp || !rp) next
          comm = substr($0, lp + 1, rp - lp - 1); gsub(/[ \t]/, "_", comm)
          if (comm ~ /^postgres/) comm = "postgres"
          if (comm ~ /^kworker/) comm = "kworker"   # a kernel worker renames itself with its current job
          split(substr($0, rp + 2), f, " ")
          print substr($0, 1, lp - 2), comm, f[12] + f[13] + f[14] + f[15] }' > "$WORK/$1"
    head -1 /proc/stat > "$WORK/$1.total"
}

# CPU seconds per program between two snapshots, the busiest first, and the machine's busy time
report() {
    local name=$1 from=$2 to=$3 ticks
    ticks=$(getconf CLK_TCK)
    awk -v name="$name" -v hz="$ticks" '
        FNR == NR { before[$1 " " $2] = $3; next }
        { used[$2] += $3 - (($1 " " $2) in before ? before[$1 " " $2] : 0) }
        END { n = 0
              for (c in used) if (used[c] > 0) { names[++n] = c }
              for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
                  if (used[names[j]] > used[names[i]]) { t = names[i]; names[i] = names[j]; names[j] = t }
              line = name ": cpu seconds"; total = 0
              for (i = 1; i <= n; i++) { total += used[names[i]]; if (i <= 8) line = line sprintf(" %s=%.1f", names[i], used[names[i]] / hz) }
              printf "%s; all=%.1f\n", line, total / hz }' "$WORK/$from" "$WORK/$to"
    # /proc/stat: cpu user nice system idle iowait irq softirq steal (guest time is counted in user already)
    awk -v name="$name" -v hz="$ticks" '
        { all = 0; for (i = 2; i <= 9; i++) all += $i; idle = $5 + $6 }
        FNR == NR { a = all; ai = idle; next }
        { printf "%s: machine busy %.1f of %.1f core-seconds\n", name, ((all - a) - (idle - ai)) / hz, (all - a) / hz }' \
        "$WORK/$from.total" "$WORK/$to.total"
}

"$LAUNCHER" bench ingest "$@" 2>&1 | while IFS= read -r line; do
    printf '%s\n' "$line"
    case "$line" in
        pre-loaded*) snap a ;;
        guichet:*) snap b ;;
        "null desk:"*) snap c ;;
    esac
done
if [[ -s $WORK/a && -s $WORK/b && -s $WORK/c ]]; then
    report "guichet phase" a b
    report "null desk phase" b c
fi

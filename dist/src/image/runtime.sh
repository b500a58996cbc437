#!/usr/bin/env bash
# Builds the files the container image adds to its base (by default `scratch`, an empty image: no registry is
# needed to build it):
#   /opt/java                a Java runtime made by jlink from the building JDK (the modules Guichet uses);
#   /lib..., /usr/lib...     the C libraries that runtime, /bin/sh and the embedded PostgreSQL need, copied from
#                            this build machine (so build the image on x86_64 Linux with glibc);
#   /bin/sh                  dash: PostgreSQL's initdb and pg_ctl start their programs through it;
#   /etc/passwd, /etc/group  root and the user `guichet` (10001), which the image runs as (initdb needs an entry);
#   /usr/lib/locale/C.utf8   the C.UTF-8 locale of LANG; /etc/hosts for when the runtime gives none;
#   /tmp, /var/lib/guichet   writable: the embedded PostgreSQL's binaries are unpacked in /tmp; the data volume.
#   /opt/guichet/entrypoint  starts the JVM with GUICHET_JAVA_OPTS (default: the launcher's) on Jib's class path.
# Usage: runtime.sh OUTPUT_DIRECTORY JAVA_HOME
set -euo pipefail

out=$1
java_home=$2

missing=()
for tool in ldd ldconfig; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
for file in /bin/dash /lib64/ld-linux-x86-64.so.2 /usr/lib/locale/C.utf8 "$java_home/bin/jlink"; do
    [[ -e $file ]] || missing+=("$file")
done
if (( ${#missing[@]} > 0 )) || [[ $(uname -m) != x86_64 ]]; then
    echo "The container image is built from this machine's Java and C libraries and needs x86_64 Linux with glibc," \
         "dash and the C.UTF-8 locale (Debian or Ubuntu); missing here: ${missing[*]:-an x86_64 machine}." \
         "Build without the image: ./mvnw package -Djib.skip" >&2
    exit 1
fi
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,\
java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets,jdk.crypto.cryptoki,\
jdk.httpserver,jdk.localedata,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt/guichet" "$out/etc" "$out/bin" "$out/tmp" "$out/var/lib/guichet"
"$java_home/bin/jlink" --add-modules "$modules" --include-locales=en,fr --strip-debug --no-header-files \
    --no-man-pages --output "$out/opt/java"

# The shared libraries a file needs, as absolute paths on this machine (the runtime's own ones excluded).
needed() {
    ldd "$1" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' \
        | grep -v "^$out/" || true
}
copy_with_parents() {
    local file=$1 target
    target="$out$(dirname "$file")"
    mkdir -p "$target"
    cp -L "$file" "$target/"
}
{
    for file in "$out"/opt/java/bin/* "$out"/opt/java/lib/*.so "$out"/opt/java/lib/server/*.so /bin/dash; do
        case $(basename "$file") in
            # headless: no X11 window, sound or splash screen
            libawt_xawt.so | libjawt.so | libsplashscreen.so | libjsound.so) ;;
            *) needed "$file" ;;
        esac
    done
    # the embedded PostgreSQL's programs bring their own libraries but need these of the system
    for lib in libstdc++.so.6 libgcc_s.so.1 libpthread.so.0 librt.so.1 libdl.so.2 libm.so.6; do
        ldconfig -p | sed -n "s/^[[:space:]]*$lib (libc6,x86-64) => //p" | head -n 1
    done
} | sort -u | while read -r lib; do
    [[ -n $lib ]] && copy_with_parents "$lib"
done
# the dynamic loader, by the path the programs ask for
mkdir -p "$out/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$out/lib64/"
cp -L /bin/dash "$out/bin/sh"

# C.UTF-8, the image's LANG (initdb refuses a locale the system does not have)
mkdir -p "$out/usr/lib/locale"
cp -a /usr/lib/locale/C.utf8 "$out/usr/lib/locale/"
# container runtimes mount their own /etc/hosts; this one serves where none is given (the embedded PostgreSQL
# listens on localhost)
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$out/etc/hosts"

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
guichet:x:10001:10001:Guichet:/var/lib/guichet:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
guichet:x:10001:
GROUP

cat > "$out/opt/guichet/entrypoint" <<'ENTRYPOINT'
#!/bin/sh
# GUICHET_JAVA_OPTS: the JVM options, split on spaces. Unset: a heap that starts small and may grow to 256 MB, the
# serial collector with a young generation as large as the old one and larger survivor spaces, and the JIT's first
# tier only (as the launcher of the archive); set it empty for the JVM's own
# defaults.
if [ -z "${GUICHET_JAVA_OPTS+set}" ]; then
    GUICHET_JAVA_OPTS="-Xms32m -Xmx256m -XX:+UseSerialGC -XX:NewRatio=1 -XX:SurvivorRatio=4 -XX:TieredStopAtLevel=1"
fi
# shellcheck disable=SC2086
exec java $GUICHET_JAVA_OPTS -cp @/app/jib-classpath-file io.guichet.app.GuichetCli "$@"
ENTRYPOINT
chmod 0755 "$out/opt/guichet/entrypoint"

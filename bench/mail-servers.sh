#!/usr/bin/env bash
# Production mail servers on this machine for the ingest and latency benchmarks: Dovecot (IMAP with IDLE, LMTP)
# and Postfix (SMTP), both on loopback only, from Debian packages.
#
#   bench/mail-servers.sh start    install if needed, configure, start (prints the bench options to use)
#   bench/mail-servers.sh stop
#   bench/mail-servers.sh status
#   bench/mail-servers.sh reset    stop, delete every stored mail, start again
#
# Mailboxes (password = user part):
#   support@guichet.bench        the support mailbox Guichet reads
#   customers@bench-corp.example every address @bench-corp.example is delivered here (catch-all), so the latency
#                                benchmark sees each answer arrive in one mailbox
# IMAP 127.0.0.1:10143, SMTP 127.0.0.1:10025. Postfix delivers both domains to Dovecot over LMTP.
#
# This configures the machine's Postfix (/etc/postfix/main.cf, a listener in master.cf): meant for a bench machine.
# It refuses to touch a main.cf it did not write. Dovecot runs from its own configuration and directories and does
# not touch a system Dovecot.
set -euo pipefail

IMAP_PORT=10143
SMTP_PORT=10025
CONF_DIR=/etc/guichet-bench
MAIL_DIR=/var/lib/guichet-bench-mail
DOVECOT_CONF=$CONF_DIR/dovecot.conf
DOVECOT_BASE=/run/guichet-bench-dovecot
LMTP_SOCKET=private/guichet-bench-lmtp
MARKER="# written by guichet bench/mail-servers.sh"

die() { echo "mail-servers: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (it installs packages and starts system daemons)"

install_packages() {
  if command -v dovecot >/dev/null && [[ -x /usr/lib/dovecot/lmtp ]] && command -v postfix >/dev/null \
      && [[ -x /usr/lib/dovecot/imap ]]; then
    return
  fi
  echo "installing dovecot-imapd dovecot-lmtpd postfix (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq dovecot-imapd dovecot-lmtpd postfix >/dev/null
}

configure_dovecot() {
  mkdir -p "$CONF_DIR" "$MAIL_DIR"
  chown mail:mail "$MAIL_DIR"
  cat >"$CONF_DIR/users" <<'EOF'
support@guichet.bench:{PLAIN}support
customers@bench-corp.example:{PLAIN}customers
EOF
  chmod 640 "$CONF_DIR/users"
  chgrp dovecot "$CONF_DIR/users"
  cat >"$DOVECOT_CONF" <<EOF
$MARKER
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $DOVECOT_BASE
instance_name = guichet-bench
log_path = /var/log/guichet-bench-dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = $(id -u mail)
mail_location = maildir:$MAIL_DIR/%d/%n
mail_uid = mail
mail_gid = mail
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $CONF_DIR/users
}
userdb {
  driver = static
  args = home=$MAIL_DIR/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  unix_listener /var/spool/postfix/$LMTP_SOCKET {
    mode = 0600
    user = postfix
    group = postfix
  }
}
protocol imap {
  mail_max_userip_connections = 50
}
protocol lmtp {
  postmaster_address = postmaster@guichet.bench
}
EOF
}

configure_postfix() {
  if [[ -f /etc/postfix/main.cf ]] && ! grep -qF "$MARKER" /etc/postfix/main.cf; then
    die "/etc/postfix/main.cf exists and was not written by this script: not touching it"
  fi
  cat >/etc/postfix/main.cf <<EOF
$MARKER
compatibility_level = 3.6
myhostname = localhost
mydomain = localdomain
myorigin = \$myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
smtpd_banner = \$myhostname ESMTP
biff = no
append_dot_mydomain = no
virtual_mailbox_domains = guichet.bench bench-corp.example
virtual_alias_maps = regexp:/etc/postfix/guichet-bench-virtual
virtual_transport = lmtp:unix:$LMTP_SOCKET
lmtp_destination_concurrency_limit = 20
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
message_size_limit = 52428800
maillog_file = /var/log/guichet-bench-postfix.log
EOF
  cat >/etc/postfix/guichet-bench-virtual <<'EOF'
/^.+@bench-corp\.example$/ customers@bench-corp.example
EOF
  # the Debian master.cf listens on port 25: replace that listener by ours on $SMTP_PORT
  if ! grep -qF "$MARKER" /etc/postfix/master.cf; then
    sed -i -E 's/^smtp( +)inet /#smtp\1inet /' /etc/postfix/master.cf
    printf '%s\n127.0.0.1:%s inet n - y - - smtpd\n' "$MARKER" "$SMTP_PORT" >>/etc/postfix/master.cf
  fi
  postfix check
}

running_dovecot() { [[ -f $DOVECOT_BASE/master.pid ]] && kill -0 "$(cat $DOVECOT_BASE/master.pid)" 2>/dev/null; }

start() {
  install_packages
  configure_dovecot
  configure_postfix
  running_dovecot || dovecot -c "$DOVECOT_CONF"
  postfix status >/dev/null 2>&1 && postfix reload >/dev/null 2>&1 || postfix start >/dev/null 2>&1
  for _ in $(seq 50); do
    if (exec 3<>/dev/tcp/127.0.0.1/$IMAP_PORT) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null; then
      echo "Dovecot $(dovecot --version | cut -d' ' -f1) IMAP 127.0.0.1:$IMAP_PORT, Postfix $(postconf -h mail_version) SMTP 127.0.0.1:$SMTP_PORT"
      echo "bench options: --imap-host 127.0.0.1 --imap-port $IMAP_PORT --smtp-port $SMTP_PORT" \
        "--imap-user support@guichet.bench --imap-password support"
      return
    fi
    sleep 0.2
  done
  die "the servers did not start listening; see /var/log/guichet-bench-dovecot.log and /var/log/guichet-bench-postfix.log"
}

stop() {
  if running_dovecot; then doveadm -c "$DOVECOT_CONF" stop || true; fi
  postfix stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    running_dovecot && echo "dovecot: running" || echo "dovecot: stopped"
    postfix status 2>/dev/null && echo "postfix: running" || echo "postfix: stopped" ;;
  reset)
    stop
    rm -rf "${MAIL_DIR:?}"/*
    postsuper -d ALL >/dev/null 2>&1 || true
    start ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac

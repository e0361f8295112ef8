#!/bin/sh
# The folders, user and permissions a department's server uses for svod batch (run as root once).
# Schools (or the mail/exchange robot) write into /srv/svod/inbox as members of group svod-in;
# the department's staff read answers and archive as members of group svod.
set -eu
id svod >/dev/null 2>&1 || useradd --system --home-dir /srv/svod --shell /usr/sbin/nologin svod
getent group svod-in >/dev/null || groupadd --system svod-in
install -d -o svod -g svod -m 0750 /srv/svod /srv/svod/outbox /srv/svod/archive /var/log/svod /etc/svod
# The inbox: writable by the senders' group, setgid so files keep the group; svod moves them out.
install -d -o svod -g svod-in -m 2770 /srv/svod/inbox
[ -f /etc/svod/batch.yaml ] || install -o root -g svod -m 0640 "$(dirname "$0")/../batch.yaml" /etc/svod/batch.yaml
echo "edit /etc/svod/batch.yaml, then: systemctl enable --now svod-batch.timer"

#!/bin/sh
# Installs LemonLDAP::NG 2.16 (Debian) and nginx for the peers benchmark. Run as root.
# Non-interactive, and no service is started by apt: a temporary policy-rc.d answers 101 while it runs
# (only if the machine has none). The benchmark starts its own FastCGI server and nginx.
set -eu
if [ "$(id -u)" != 0 ]; then echo "setup-lemonldap.sh: run as root" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
POLICY=/usr/sbin/policy-rc.d
MADE_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY"; chmod 755 "$POLICY"; MADE_POLICY=1
fi
cleanup() { if [ "$MADE_POLICY" = 1 ]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT
apt-get update -qq
# --no-install-recommends keeps Apache, fonts and docs out; the Perl modules LemonLDAP::NG recommends (the manager
# CLI needs Email::Sender) are listed.
apt-get install -y -qq --no-install-recommends \
  lemonldap-ng lemonldap-ng-fastcgi-server nginx \
  libconvert-base32-perl libnet-ldap-perl libcrypt-openssl-bignum-perl \
  libhttp-parser-xs-perl libdigest-hmac-perl openssl slapd ldap-utils \
  libemail-sender-perl libcookie-baker-xs-perl libio-socket-timeout-perl libio-string-perl libipc-run-perl \
  libmime-tools-perl libstring-random-perl libunicode-string-perl libxml-simple-perl libxml-libxml-perl \
  liblwp-protocol-https-perl libdbi-perl libapache-session-browseable-perl \
  libgd-securityimage-perl libimage-magick-perl
# Debian's nginx may have been started by a previous install without policy-rc.d; the bench never uses it.
echo "setup-lemonldap.sh: done ($(dpkg-query -W -f='${Version}' lemonldap-ng))"

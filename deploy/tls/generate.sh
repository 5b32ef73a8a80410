#!/bin/sh
# Makes the certificates docker-compose.yml mounts read-only (deploy/README.md "Mutual TLS"), with openssl only:
#   ca.pem / ca.key           the CA (keep ca.key offline once the others are made)
#   server.pem / .key         Temporal's frontend and internode certificate (SAN temporal, localhost,
#                             127.0.0.1); serverAuth and clientAuth, since the nodes and the server's own
#                             worker service are clients of the frontend too
#   api, worker, ui, admin-tools (.pem / .key)   one client certificate each (clientAuth)
#   postgres.pem / .key       PostgreSQL's server certificate (SAN postgres), for DATABASE_SSL_MODE=verify-full
#
#   ./deploy/tls/generate.sh            # everything missing, in deploy/tls/
#   ./deploy/tls/generate.sh api        # a new api certificate from the existing CA (renewal)
#   CA_NAME=ca-2027 ./deploy/tls/generate.sh ca   # a second CA for rotation (README), beside the first
#
# Environment: OUT (default: this directory), DAYS (leaf validity, default 397), CA_DAYS (default 3650),
# KEY_UID (default 1000: the uid the temporal, admin-tools and app images run as; the key files are made
# mode 600 and, when run as root, owned by it so the containers can read them through the read-only mount).
set -eu

OUT="${OUT:-$(dirname "$0")}"
DAYS="${DAYS:-397}"
CA_DAYS="${CA_DAYS:-3650}"
CA_NAME="${CA_NAME:-ca}"
KEY_UID="${KEY_UID:-1000}"
umask 077
mkdir -p "$OUT"
cd "$OUT"

own() {
  chmod 600 "$1"
  if [ "$(id -u)" = 0 ]; then chown "$KEY_UID" "$1"; fi
}

ca() {
  [ -f "$CA_NAME.pem" ] && { echo "$CA_NAME.pem exists; remove it to make a new CA" >&2; return 0; }
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$CA_NAME.key" -out "$CA_NAME.pem" -days "$CA_DAYS" -subj "/CN=Provning Temporal CA ($CA_NAME)" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  chmod 644 "$CA_NAME.pem"
  chmod 600 "$CA_NAME.key"
  echo "made $OUT/$CA_NAME.pem"
}

# leaf NAME CN EKU [SAN]
leaf() {
  [ -f "$CA_NAME.key" ] || { echo "no $CA_NAME.key in $OUT: run '$0 ca' first" >&2; exit 1; }
  {
    echo 'basicConstraints=critical,CA:FALSE'
    echo 'keyUsage=critical,digitalSignature,keyEncipherment'
    echo "extendedKeyUsage=$3"
    [ -n "${4:-}" ] && echo "subjectAltName=$4"
  } > "$1.ext"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA "$CA_NAME.pem" -CAkey "$CA_NAME.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days "$DAYS" -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
  chmod 644 "$1.pem"
  own "$1.key"
  echo "made $OUT/$1.pem ($2, $3, valid $DAYS days)"
}

make_one() {
  case "$1" in
    ca) ca ;;
    server) leaf server temporal serverAuth,clientAuth 'DNS:temporal,DNS:localhost,IP:127.0.0.1' ;;
    postgres) leaf postgres postgres serverAuth 'DNS:postgres,DNS:localhost' ;;
    api | worker | ui | admin-tools) leaf "$1" "provning-$1" clientAuth ;;
    *) echo "unknown certificate '$1' (ca server postgres api worker ui admin-tools)" >&2; exit 1 ;;
  esac
}

if [ "$#" -gt 0 ]; then
  for name in "$@"; do make_one "$name"; done
else
  for name in ca server postgres api worker ui admin-tools; do
    if [ "$name" = ca ]; then [ -f "$CA_NAME.pem" ] && continue; else [ -f "$name.pem" ] && continue; fi
    make_one "$name"
  done
fi

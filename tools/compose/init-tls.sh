#!/bin/sh
# docker-compose's one-shot `tls-init`, before NATS and MongoDB start. Creates only what is missing, so
# it changes nothing on later starts:
#   $TLS_DIR/ca.crt, ca.key           the CA the NATS clients verify (bring your own: put both here first)
#   $TLS_DIR/server.crt, server.key   NATS's certificate, signed by that CA, for the names in $NATS_TLS_NAMES
#   $MONGO_KEYFILE_DIR/keyfile        the replica set's shared secret, readable by mongod only
set -eu

TLS_DIR=${TLS_DIR:-/tls}
MONGO_KEYFILE_DIR=${MONGO_KEYFILE_DIR:-}
NATS_TLS_NAMES=${NATS_TLS_NAMES:-DNS:nats}
# mongod runs as this user in the official image and refuses a keyfile that others can read.
MONGO_UID=${MONGO_UID:-999}

if ! command -v openssl >/dev/null 2>&1; then
  # The alpine image has no openssl command; its package is the only thing this step downloads.
  apk add --no-cache openssl >/dev/null
fi

mkdir -p "$TLS_DIR"
umask 077

if [ ! -s "$TLS_DIR/ca.crt" ]; then
  [ ! -e "$TLS_DIR/ca.key" ] || { echo "$TLS_DIR/ca.key exists without ca.crt: give both or neither" >&2; exit 1; }
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=Mitra NATS CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.crt" 2>/dev/null
  echo "tls-init: created a CA for NATS ($TLS_DIR/ca.crt)"
fi

if [ ! -s "$TLS_DIR/server.crt" ]; then
  [ -s "$TLS_DIR/ca.key" ] || { echo "$TLS_DIR/ca.key is missing: it signs NATS's certificate" >&2; exit 1; }
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/CN=nats" \
    -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.csr" 2>/dev/null
  extensions="$TLS_DIR/server.ext"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$NATS_TLS_NAMES" >"$extensions"
  openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" -CAcreateserial \
    -sha256 -days 825 -extfile "$extensions" -out "$TLS_DIR/server.crt" 2>/dev/null
  rm -f "$TLS_DIR/server.csr" "$extensions" "$TLS_DIR/ca.srl"
  echo "tls-init: created NATS's certificate for $NATS_TLS_NAMES"
fi
openssl verify -CAfile "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt" >/dev/null
chmod 0644 "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt"
chmod 0600 "$TLS_DIR/ca.key" "$TLS_DIR/server.key"

if [ -n "$MONGO_KEYFILE_DIR" ] && [ ! -s "$MONGO_KEYFILE_DIR/keyfile" ]; then
  mkdir -p "$MONGO_KEYFILE_DIR"
  openssl rand -base64 756 >"$MONGO_KEYFILE_DIR/keyfile"
  echo "tls-init: created the MongoDB replica set keyfile"
fi
if [ -n "$MONGO_KEYFILE_DIR" ]; then
  chown "$MONGO_UID:$MONGO_UID" "$MONGO_KEYFILE_DIR/keyfile"
  chmod 0400 "$MONGO_KEYFILE_DIR/keyfile"
fi

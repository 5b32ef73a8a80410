#!/bin/sh
# One-shot: make sure the application's Temporal namespace exists with the wanted retention.
# Runs in the temporalio/admin-tools image (service `temporal-namespace` in docker-compose.yml)
# after the server reports healthy; safe to run on every `docker compose up`.
# The `temporal` CLI reads the server address from TEMPORAL_ADDRESS; with TLS_CA, TLS_CERT and TLS_KEY
# set (compose sets them to the admin-tools client certificate) it connects with mutual TLS.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required (host:port)}"
NAMESPACE="${NAMESPACE:-default}"
RETENTION="${RETENTION:-30d}"
ATTEMPTS="${ATTEMPTS:-60}"

# The frontend refuses a client without a certificate its CA signed (deploy/README.md "Mutual TLS").
tcli() {
  if [ -n "${TLS_CERT:-}" ]; then
    temporal "$@" --tls-ca-path "${TLS_CA:?TLS_CA is required with TLS_CERT}" \
      --tls-cert-path "$TLS_CERT" --tls-key-path "${TLS_KEY:?TLS_KEY is required with TLS_CERT}" \
      ${TLS_SERVER_NAME:+--tls-server-name "$TLS_SERVER_NAME"}
  else
    temporal "$@"
  fi
}

retry() {
  i=1
  until "$@" >/dev/null 2>&1; do
    if [ "$i" -ge "$ATTEMPTS" ]; then
      echo "temporal-namespace: gave up after $ATTEMPTS attempts: $*" >&2
      "$@" # once more, with its error on the log
      exit 1
    fi
    i=$((i + 1))
    sleep 2
  done
}

retry tcli operator cluster health

if tcli operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "temporal-namespace: ${NAMESPACE} exists; setting retention ${RETENTION}"
  tcli operator namespace update --namespace "$NAMESPACE" --retention "$RETENTION"
else
  echo "temporal-namespace: creating ${NAMESPACE} (retention ${RETENTION})"
  tcli operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION"
fi

# A new namespace reaches the frontend's namespace cache within a few seconds
# (system.namespaceCacheRefreshInterval, 2 s by default); wait until it serves requests,
# so the API and worker that start after this container never see "namespace not found".
retry tcli workflow list --namespace "$NAMESPACE" --limit 1
echo "temporal-namespace: ${NAMESPACE} ready"

#!/bin/sh
# Start the command (the image's CMD: streamlit run ...) only when the deployment's two secrets are set from
# the environment and are not the placeholders of deploy/.env.example or deploy/k8s/secret.example.yaml.
#   HAMKORLIK_LIBRARY_URL           the saved-scenarios library, e.g. postgresql+psycopg://user:pw@host:5432/db
#   STREAMLIT_SERVER_COOKIE_SECRET  the same value on every replica, at least 32 characters
# Each may instead be a file named by NAME_FILE (Kubernetes mounts the Secret's keys as files, so the values
# never stand in the pod spec); the file's content, without its trailing newline, becomes NAME.
set -eu

fail() {
    echo "hamkorlik: $1" >&2
    exit 78  # EX_CONFIG
}

from_file() {
    eval "value=\${$1:-}"
    eval "file=\${$1_FILE:-}"
    if [ -z "$value" ] && [ -n "$file" ]; then
        [ -r "$file" ] || fail "$1_FILE names $file, which cannot be read."
        value="$(cat "$file")"
        export "$1=$value"
    fi
}

from_file HAMKORLIK_LIBRARY_URL
from_file STREAMLIT_SERVER_COOKIE_SECRET
url="${HAMKORLIK_LIBRARY_URL:-}"
secret="${STREAMLIT_SERVER_COOKIE_SECRET:-}"

[ -n "$url" ] || fail "HAMKORLIK_LIBRARY_URL is not set; point it at the saved-scenarios library \
(postgresql+psycopg://USER:PASSWORD@HOST:5432/DB). Without it the library would be a SQLite file inside \
the container, lost on every restart."
[ -n "$secret" ] || fail "STREAMLIT_SERVER_COOKIE_SECRET is not set; generate one with \`openssl rand -hex 32\` \
and give every replica the same value."
case "$url $secret" in
    *CHANGE-ME* | *change-me*)
        fail "HAMKORLIK_LIBRARY_URL or STREAMLIT_SERVER_COOKIE_SECRET still holds the CHANGE-ME placeholder of the \
example files; set real values." ;;
esac
[ "${#secret}" -ge 32 ] || fail "STREAMLIT_SERVER_COOKIE_SECRET has ${#secret} characters; use at least 32 \
(\`openssl rand -hex 32\` gives 64)."

exec "$@"

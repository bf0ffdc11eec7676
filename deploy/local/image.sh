#!/bin/sh
# Build deploy/Dockerfile on a machine that reaches Debian's and PyPI's mirrors but no image registry:
#   1. a base image made from Debian packages (debootstrap bookworm: python3 3.11, pip, CA certificates), tagged
#      as the Dockerfile's base python:3.11-slim, so the Dockerfile itself is built unchanged;
#   2. buildah bud with chroot isolation (this machine's sandbox forbids the setrlimit calls of an OCI runtime,
#      so `podman run` and buildah's default isolation fail here; see deploy/README.md "The image").
# The base also trusts this machine's own CA certificates (/usr/local/share/ca-certificates), which its TLS
# egress needs; it is a local test base, not one to ship.
#
#   sh deploy/local/image.sh [WORKDIR]        (make image; needs root and `apt-get install podman buildah debootstrap`)
set -eu

work="${1:-/tmp/hamkorlik-image}"
root="$work/rootfs"
base="docker.io/library/python:3.11-slim"
image="localhost/hamkorlik:1.0.0"
mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
mirror="${mirror:-http://deb.debian.org/debian}"

for tool in debootstrap buildah podman; do
    command -v "$tool" >/dev/null || { echo "image: $tool not found (make image-tools)" >&2; exit 1; }
done

if [ ! -x "$root/usr/bin/python3" ]; then
    mkdir -p "$work"
    debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,python-is-python3,ca-certificates \
        bookworm "$root" "$mirror"
fi
# pip may install into the image's system Python (PEP 668's marker is Debian's, not the image's), as in
# python:3.11-slim; and the base trusts this machine's CAs.
rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null
fi
podman rmi -f "$base" >/dev/null 2>&1 || true
tar -C "$root" -c . | podman import --change 'CMD ["python3"]' - "$base" >/dev/null
cd "$(dirname "$0")/../.."
buildah bud --isolation chroot --format docker --pull-never -f deploy/Dockerfile -t "$image" .
echo "built $image on a Debian bookworm base ($("$root/usr/bin/python3" --version))"

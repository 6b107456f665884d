#!/usr/bin/env bash
# Installs the Debian packages the build and the data need, skipping those already present:
# libzstd-dev and liblz4-dev (container codecs), wordnet-base (the documents task's glosses).
set -euo pipefail

needed=()
for package in libzstd-dev liblz4-dev wordnet-base; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        needed+=("$package")
    fi
done
if [ ${#needed[@]} -eq 0 ]; then
    exit 0
fi

echo "installing Debian packages: ${needed[*]}" >&2
runner=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
        runner=(sudo)
    else
        echo "error: need root or sudo to install ${needed[*]}; install them with apt-get and rerun" >&2
        exit 1
    fi
fi
"${runner[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get install -y -qq "${needed[@]}" >/dev/null

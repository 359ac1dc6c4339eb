#!/bin/sh
# Runs a command with OpenBLAS instead of Debian's reference BLAS (python3-torch links libblas.so.3,
# which by default is netlib's: ~3 GFLOPS against ~60 with OpenBLAS, i.e. hours instead of minutes).
# The library is fetched with apt-get download and unpacked under training/.cache; nothing is
# installed system-wide and only this process sees it.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
DIR="$HERE/../.cache/openblas"
LIB="$DIR/root/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ ! -f "$LIB/libblas.so.3" ]; then
  mkdir -p "$DIR"
  (cd "$DIR" && apt-get download libopenblas0-pthread && dpkg-deb -x libopenblas0-pthread_*.deb root)
fi
export LD_LIBRARY_PATH="$LIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
exec "$@"

#!/usr/bin/env bash
# The S3-compatible server the attachment tests run against: gofakes3 (MIT) built from the Go module proxy into
# the shared cache, once per machine (about 10 s), like the Temporal binaries. MinIO is not used: its licence is
# refused. local/s3/s3-server.ts names the same path; the S3 test skips, saying so, when the binary is absent.
set -euo pipefail
version=v1.2.0
dir="${PROVNING_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/provning}/s3/gofakes3-$version"
if [ -x "$dir/gofakes3" ]; then
  echo "gofakes3 $version already in $dir"
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "go is not installed: the S3 attachment test will be skipped" >&2
  exit 0
fi
mkdir -p "$dir"
GOBIN="$dir" GOFLAGS=-mod=mod go install "github.com/johannesboyne/gofakes3/cmd/gofakes3@$version"
echo "gofakes3 $version built into $dir"

#!/usr/bin/env bash
# Builds the release archives of soa: for each target, soa and its web page
# soa-serve (see internal/cli/companion.go), static (CGO_ENABLED=0), with
# the version stamped into both so that soa serve accepts its companion,
# packed with the README and the catalogue's sources into
# dist/soa_VERSION_OS_ARCH.tar.gz, and dist/SHA256SUMS.
#
# usage: scripts/release.sh VERSION            (e.g. v1.2.0)
#        TARGETS="linux/amd64" scripts/release.sh VERSION
#
# The archives are reproducible: the same commit and Go version give the
# same bytes (-trimpath, no VCS stamp, entries sorted, owner 0, mtime the
# commit's time or SOURCE_DATE_EPOCH).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/release.sh VERSION}
case $version in
v[0-9]*) ;;
*) echo "release: VERSION must look like v1.2.3, not $version" >&2; exit 2 ;;
esac
targets=${TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
dist=dist
rm -rf "$dist"
mkdir -p "$dist"

for target in $targets; do
	goos=${target%/*} goarch=${target#*/}
	name="soa_${version}_${goos}_${goarch}"
	stage="$dist/$name"
	mkdir -p "$stage"
	ext=""
	[ "$goos" = windows ] && ext=".exe"
	for cmd in soa soa-serve; do
		CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -buildvcs=false \
			-ldflags "-s -w -X github.com/soa-tool/soa/internal/cli.version=$version" \
			-o "$stage/$cmd$ext" "./cmd/$cmd"
	done
	cp README.md "$stage/"
	cp controls/README.md "$stage/CATALOGUE-SOURCES.md"
	tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --mode=u+rwX,go+rX,go-w --format=gnu \
		-C "$dist" -cf - "$name" | gzip -n -9 >"$dist/$name.tar.gz"
	rm -rf "$stage"
done
(cd "$dist" && sha256sum -- *.tar.gz >SHA256SUMS)
ls -l "$dist"

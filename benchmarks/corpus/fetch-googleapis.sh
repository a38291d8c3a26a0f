#!/usr/bin/env bash
# Builds the googleapis corpus as one binary FileDescriptorSet, for the scale benchmark
# (docs/benchmarks.md, "The googleapis corpus").
#
#   benchmarks/corpus/fetch-googleapis.sh [OUT_DIR]     (default: benchmarks/target/googleapis)
#
# The protos come from the npm package google-proto-files (pinned below); protoc comes from Maven
# Central (com.google.protobuf:protoc, the version the build pins). Writes, in OUT_DIR:
#   googleapis.pb          every file, with imports, without source info
#   googleapis-source.pb   the same with source info (comments and spans, ~10x larger)
# Files that cannot join the one set are listed in OUT_DIR/excluded.txt and left out; the script
# fails if more than 1% are.
set -euo pipefail
PROTO_FILES_VERSION=6.0.1
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/benchmarks/target/googleapis}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$out/work"
mkdir -p "$work"

protobuf_version="$(sed -n 's:.*<protobuf.version>\(.*\)</protobuf.version>.*:\1:p' "$root/pom.xml")"
protoc="$work/protoc-$protobuf_version"
if [ ! -x "$protoc" ]; then
  (cd "$root" && mvn -B -q dependency:copy \
    -Dartifact="com.google.protobuf:protoc:$protobuf_version:exe:linux-x86_64" \
    -DoutputDirectory="$work" -Dmdep.stripVersion=false)
  mv "$work/protoc-$protobuf_version-linux-x86_64.exe" "$protoc"
  chmod +x "$protoc"
fi

protos="$work/node_modules/google-proto-files"
if [ ! -d "$protos" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund --ignore-scripts \
    "google-proto-files@$PROTO_FILES_VERSION" >/dev/null)
fi

# Every .proto under the package, as paths relative to it, in a stable order.
(cd "$protos" && find google grafeas -name '*.proto' 2>/dev/null | LC_ALL=C sort) > "$work/all.txt"
total=$(wc -l < "$work/all.txt")

# Some files cannot be compiled into one set with the rest (protobuf's own Ruby test protos define
# the same names twice): compile, leave out the files protoc names in errors, and repeat.
: > "$out/excluded.txt"
cp "$work/all.txt" "$work/files.txt"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if (cd "$protos" && "$protoc" -I. --include_imports --descriptor_set_out=/dev/null \
      @"$work/files.txt" 2> "$work/protoc.err"); then
    break
  fi
  grep -v ': warning: ' "$work/protoc.err" | sed -n 's/^\([^:]*\.proto\):[0-9]*:[0-9]*: .*/\1/p' \
    | LC_ALL=C sort -u > "$work/failed.txt"
  if [ ! -s "$work/failed.txt" ] || [ "$attempt" = 10 ]; then
    grep -v ': warning: ' "$work/protoc.err" >&2
    exit 1
  fi
  cat "$work/failed.txt" >> "$out/excluded.txt"
  grep -vxF -f "$out/excluded.txt" "$work/all.txt" > "$work/files.txt"
done
excluded=$(wc -l < "$out/excluded.txt")
if [ $((excluded * 100)) -gt "$total" ]; then
  echo "too many files do not compile: $excluded of $total (see $out/excluded.txt)" >&2
  exit 1
fi

compile() { # $1: output, rest: extra flags
  local target="$1"; shift
  (cd "$protos" && "$protoc" -I. --include_imports "$@" \
    --descriptor_set_out="$target" @"$work/files.txt" 2> "$work/protoc.err")
}
compile "$out/googleapis.pb"
compile "$out/googleapis-source.pb" --include_source_info
echo "googleapis corpus: $((total - excluded)) of $total files ($excluded excluded) in $out"
ls -l "$out"/*.pb

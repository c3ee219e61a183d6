#!/usr/bin/env bash
# Regenerates Sources/SwiftletFleetProtocol/Generated from Protos/ — run by hand after editing a .proto, then
# commit the result. Nothing runs protoc at build time.
#
# Needs protoc (Debian: protobuf-compiler) and protoc-gen-swift built from apple/swift-protobuf 1.39.0:
#   git clone https://github.com/apple/swift-protobuf && cd swift-protobuf && git checkout 1.39.0
#   swift build -c release --product protoc-gen-swift
# then PROTOC_GEN_SWIFT=/path/to/swift-protobuf/.build/release/protoc-gen-swift scripts/generate-protos.sh
#
# The .proto files in Protos/swiftlet/fleet are Swiftlet's own text of the message definitions of Flower's
# Fleet API (flwr 1.40): same package, names, field numbers and types. scripts/check-fleet-protos.py compares
# them with the descriptors flwr ships, field by field. Protos/swiftlet/extensions holds Swiftlet's own
# messages (package swiftlet.fleet), which only Swiftlet peers exchange.
set -euo pipefail
cd "$(dirname "$0")/.."
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
[ -x "$plugin" ] || { echo "protoc-gen-swift not found: set PROTOC_GEN_SWIFT" >&2; exit 1; }
out=Sources/SwiftletFleetProtocol/Generated
rm -f "$out"/*.pb.swift
protoc --plugin=protoc-gen-swift="$plugin" -I Protos \
    --swift_out="$out" --swift_opt=Visibility=Public --swift_opt=FileNaming=DropPath \
    Protos/swiftlet/fleet/*.proto Protos/swiftlet/extensions/*.proto
ls "$out"

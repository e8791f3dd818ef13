#!/usr/bin/env bash
# Compiles Benchmarks/tftp/StandaloneServer.swift with the TFTP module's sources (-O), linking the
# objects of a release `swift build` (NIO, swift-log, swift-metrics). Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --target TFTP >&2
bin=$(swift build -c release --show-bin-path)
out=.build/bench
mkdir -p "$out"
flags=()
for map in "$bin"/*.build/module.modulemap; do flags+=(-Xcc "-fmodule-map-file=$map"); done
for dir in .build/checkouts/swift-nio/Sources/CNIO*/include .build/checkouts/swift-atomics/Sources/_AtomicsShims/include; do
    flags+=(-Xcc "-I$dir")
done
objects=()
for target in NIOCore NIOPosix NIOConcurrencyHelpers _NIODataStructures _NIOBase64 CNIOLinux CNIODarwin CNIOWindows \
              CNIOWASI CNIOOpenBSD CNIOFreeBSD CNIOPosix CNIOAtomics Atomics _AtomicsShims DequeModule \
              InternalCollectionsUtilities OrderedCollections ContainersPreview Logging Metrics CoreMetrics; do
    for object in "$bin/$target.build"/*.o "$bin/$target.build"/src/*.o; do [[ -f "$object" ]] && objects+=("$object"); done
done
swiftc -O -wmo -parse-as-library -module-name TFTPStandalone -I "$bin/Modules" "${flags[@]}" \
    $(find Sources/TFTP -name '*.swift') Benchmarks/tftp/StandaloneServer.swift \
    "${objects[@]}" -o "$out/tftp-standalone"
echo "$out/tftp-standalone"

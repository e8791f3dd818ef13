#!/usr/bin/env bash
# Builds the libFuzzer binaries for the TFTP and DHCP codecs (see Fuzz/README.md): each module's pure sources plus
# its Fuzz/*Fuzz.swift entry compiled with -sanitize=fuzzer,address, linked against the NIOCore
# objects of an ordinary debug `swift build` (NIOCore itself is not instrumented).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --target NIOCore >&2
bin=$(swift build --show-bin-path)
out=.build/fuzz
mkdir -p "$out"
modulemaps=()
for map in "$bin"/*.build/module.modulemap; do modulemaps+=(-Xcc "-fmodule-map-file=$map"); done
includes=()
for dir in .build/checkouts/swift-nio/Sources/CNIO*/include .build/checkouts/swift-atomics/Sources/_AtomicsShims/include; do
    includes+=(-Xcc "-I$dir")
done
objects=()
for target in NIOCore NIOConcurrencyHelpers _NIODataStructures _NIOBase64 CNIOLinux CNIODarwin CNIOWindows \
              CNIOWASI CNIOOpenBSD CNIOFreeBSD CNIOAtomics Atomics _AtomicsShims DequeModule \
              InternalCollectionsUtilities OrderedCollections ContainersPreview; do
    for object in "$bin/$target.build"/*.o "$bin/$target.build"/src/*.o; do [[ -f "$object" ]] && objects+=("$object"); done
done
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name TFTPFuzz \
    -I "$bin/Modules" "${modulemaps[@]}" "${includes[@]}" \
    Sources/TFTP/Codec/*.swift Sources/TFTP/Negotiation/*.swift Sources/TFTP/Session/*.swift \
    Sources/TFTP/Files/RequestedName.swift Sources/TFTP/Files/FileResolutionError.swift \
    Sources/TFTP/Files/ReadOnlyFile.swift Fuzz/TFTPPacketFuzz.swift \
    "${objects[@]}" -o "$out/tftp-packet-fuzz"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name DHCPFuzz \
    -I "$bin/Modules" "${modulemaps[@]}" "${includes[@]}" \
    $(ls Sources/DHCP/Codec/*.swift | grep -v '+MAC') Sources/DHCP/PXE/*.swift Sources/DHCP/Proxy/*.swift Fuzz/DHCPMessageFuzz.swift \
    "${objects[@]}" -o "$out/dhcp-message-fuzz"
echo "$out/tftp-packet-fuzz"
echo "$out/dhcp-message-fuzz"

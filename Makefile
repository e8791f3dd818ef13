# make run  — build and start `provision serve` on the embedded defaults (SQLite under ./var).
# make test — every test, with the real peers they drive (installed here when missing).
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= debug

# Debian packages: to build, to run (iPXE binaries, mkfs.ext4), and the real peers the tests drive.
BUILD_DEBS := libarchive-dev libssl-dev libsqlite3-dev pkg-config
RUN_DEBS   := ipxe e2fsprogs
TEST_DEBS  := curl gdisk etcd-server etcd-client tftp-hpa atftp xz-utils zstd openssl python3 bzip2 qemu-system-x86 ipxe-qemu busybox-static dnsmasq-base cpio ovmf

.PHONY: all build run test deps-build deps-run deps-test bench clean

all: build

define ensure_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-build:
	$(call ensure_debs,$(BUILD_DEBS))
deps-run: deps-build
	$(call ensure_debs,$(RUN_DEBS))
deps-test: deps-run
	$(call ensure_debs,$(TEST_DEBS))

build: deps-build
	$(SWIFT) build -c $(CONFIG)

run: deps-run
	$(SWIFT) build -c $(CONFIG) --product provision
	mkdir -p var
	$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/provision serve --data var --profiles profiles --assets assets $(ARGS)

test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps-test
	bash Benchmarks/run-all.sh

clean:
	rm -rf .build

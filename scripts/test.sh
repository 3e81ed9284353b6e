#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite: unit tests, the
# HTTP API through the real store, loopback and malformed-HTTP tests, the kill -9 crash tests
# (which start the clawbd binary built here), then the public tutorial run verbatim
# (examples/tutorial.sh) and a bounded schemathesis run against the served OpenAPI document.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_packages "${BUILD_PACKAGES[@]}" python3 curl sqlite3
cd "$ROOT"
# PyJWT checks minted tokens against the served JWKS (a standard JOSE library, not ours).
python3 -c 'import jwt, cryptography' 2>/dev/null || python3 -m pip install -q pyjwt cryptography
# Formatting is checked first: .swift-format is the style; `swift format format -i -r Sources Tests` fixes it.
swift format lint --strict --recursive Sources Tests Package.swift
swift build --build-tests
# The crash and loopback tests start this binary.
export CLAWB_TEST_CLAWBD="$ROOT/.build/debug/clawbd"
swift test --skip-build
# The tutorial and the fuzzer run against their own fresh servers built from the same binaries.
export CLAWB_BIN="$ROOT/.build/debug"
examples/tutorial.sh
tests/fuzz/schemathesis.sh 25

#!/usr/bin/env bash
# Installs what is missing, builds clawbd (release) and runs it on 127.0.0.1:8080 with the
# embedded SQLite database in ./data. On a new data directory it creates a first test
# workspace and prints the export lines for CLAWB_BASE_URL and CLAWB_API_KEY.
# Any clawbd flag can be appended, e.g. scripts/run.sh --listen 127.0.0.1:9090
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_packages "${BUILD_PACKAGES[@]}"
cd "$ROOT"
swift build -c release --product clawbd >&2
swift build -c release --product clawb >&2
exec "$ROOT/.build/release/clawbd" "$@"

#!/usr/bin/env bash
# Times soa as whole processes against a hello-world Go binary, a minimal
# zip-writing floor and an openpyxl script, and prints the ratios of issue
# 17. Flags go to scripts/bench/bench.go (-n rounds, -batch sizes,
# -against OLD_SOA_BINARY to compare timings and output bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run scripts/bench/bench.go "$@"

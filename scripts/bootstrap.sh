#!/usr/bin/env bash
# Installs what Swiftlet's checks need beyond the Swift toolchain, if missing: Python 3 with numpy and
# safetensors (for the safetensors interoperability check). Idempotent and quick when all is present.
set -euo pipefail
if ! command -v python3 >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && apt-get install -y -qq python3 python3-pip >/dev/null
    else
        echo "python3 is required for the interoperability checks" >&2
        exit 1
    fi
fi
if ! python3 -c "import numpy, safetensors" >/dev/null 2>&1; then
    python3 -m pip install --quiet numpy safetensors
fi
python3 -c "import numpy, safetensors; print('python deps: numpy', numpy.__version__, '· safetensors', safetensors.__version__)"

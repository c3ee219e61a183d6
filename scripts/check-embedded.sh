#!/usr/bin/env bash
# Compiles Swiftlet's compute kernels in Embedded Swift mode for microcontroller targets and checks that
# they call no libm function and need no runtime beyond memory allocation stubs.
#
# The kernels (Sources/SwiftletTensor/Kernels/) are pure functions over buffers; this keeps them buildable
# for Cortex-M class devices. A later step runs them on an emulated microcontroller.
#
#   scripts/check-embedded.sh            # armv7em (Cortex-M4/M7) and bare-metal aarch64 (Cortex-A/R class)
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
forbidden='^(exp|expf|log|logf|pow|powf|sqrt|sqrtf|fma|fmaf|tanh|tanhf|sin|sinf|cos|cosf|floor|floorf|ceil|ceilf|round|roundf|fmax|fmaxf|fmin|fminf|fabs|fabsf)$'

for triple in armv7em-none-none-eabi aarch64-none-none-elf; do
    object="$out/kernels-$triple.o"
    if ! swiftc -target "$triple" -enable-experimental-feature Embedded -wmo -parse-as-library -Osize \
        -module-name SwiftletKernels -c Sources/SwiftletTensor/Kernels/*.swift -o "$object"; then
        echo "FAIL: kernels do not compile in Embedded Swift for $triple"
        status=1
        continue
    fi
    undefined=$(nm -u "$object" | awk '{print $NF}' | sort -u)
    bad=$(echo "$undefined" | grep -E "$forbidden" || true)
    if [ -n "$bad" ]; then
        echo "FAIL: $triple kernels call libm: $(echo $bad)"
        status=1
    else
        size=$(stat -c %s "$object")
        echo "ok: $triple kernels compile in Embedded Swift ($size-byte object; undefined: $(echo $undefined | tr '\n' ' '))"
    fi
done
exit $status

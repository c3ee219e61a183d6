/// Compute kernels: pure functions over raw `Float` buffers.
///
/// Everything in this folder is self-contained Swift that also compiles in Embedded Swift mode
/// (`scripts/check-embedded.sh` builds it for `armv7em-none-none-eabi`): no Foundation, no existentials,
/// no allocation, and no libm calls — transcendental functions come from ``Kernels/exp(_:)`` and friends,
/// which are polynomial approximations written here. Callers own every buffer, including scratch space,
/// so a training step can plan its memory once and reuse it.
public enum Kernels {}

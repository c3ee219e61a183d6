#ifndef SWIFTLET_C_ALLOCATION_COUNTER_H
#define SWIFTLET_C_ALLOCATION_COUNTER_H
/// Counts heap allocations made by the calling thread while counting is on.
///
/// The test executable defines malloc and friends, which on Linux takes precedence over libc's for every
/// library in the process (ELF symbol interposition); each forwards to glibc's __libc_* entry points.
/// Only allocations on a thread that called swiftlet_allocations_begin() are counted, so other threads
/// (the test runner's) add no noise.
void swiftlet_allocations_begin(void);
/// Stops counting on the calling thread and returns the number of allocations since begin.
long swiftlet_allocations_end(void);
/// The bytes asked for by the allocations counted between the last begin and end on the calling thread.
long swiftlet_allocated_bytes(void);
/// 1 if the interposer is active in this process (it is on glibc), else 0.
int swiftlet_allocations_supported(void);
#endif

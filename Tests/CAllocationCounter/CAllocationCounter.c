#include "CAllocationCounter.h"
#include <stddef.h>
#include <errno.h>

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static __thread int counting = 0;
static __thread long count = 0;
static __thread long bytes = 0;

static inline void counted(size_t size) { if (counting) { count++; bytes += (long)size; } }

void swiftlet_allocations_begin(void) { count = 0; bytes = 0; counting = 1; }
long swiftlet_allocations_end(void) { counting = 0; return count; }
long swiftlet_allocated_bytes(void) { return bytes; }
int swiftlet_allocations_supported(void) { return 1; }

void *malloc(size_t size) { counted(size); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { counted(n * size); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { counted(size); return __libc_realloc(p, size); }
void free(void *p) { __libc_free(p); }
void *memalign(size_t alignment, size_t size) { counted(size); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { counted(size); return __libc_memalign(alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    counted(size);
    void *p = __libc_memalign(alignment, size);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}
#else
void swiftlet_allocations_begin(void) {}
long swiftlet_allocations_end(void) { return 0; }
long swiftlet_allocated_bytes(void) { return 0; }
int swiftlet_allocations_supported(void) { return 0; }
#endif

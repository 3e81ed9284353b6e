#include <stdlib.h> /* defines __GLIBC__ (through <features.h>) on glibc */
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// What the C allocator holds, summed over all its arenas. All zero where glibc's `mallinfo2`
/// is missing (another libc, or glibc before 2.33).
typedef struct {
    size_t in_use_bytes;   /* handed out to the program, including large mmap'd blocks */
    size_t free_bytes;     /* held by the allocator, free, not returned to the system */
} clawb_malloc_figures;

static inline clawb_malloc_figures clawb_malloc_read(void) {
    clawb_malloc_figures figures = {0, 0};
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 info = mallinfo2();
    figures.in_use_bytes = info.uordblks + info.hblkhd;
    figures.free_bytes = info.fordblks;
#endif
    return figures;
}

/// Returns the free pages of every arena to the system (glibc's `malloc_trim(0)`); 1 when
/// some memory was released. A no-op returning 0 elsewhere.
static inline int clawb_malloc_trim(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

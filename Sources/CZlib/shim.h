#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_, which Swift cannot call.
static inline int svod_deflateInit2(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

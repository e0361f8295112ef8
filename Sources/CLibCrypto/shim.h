#ifndef SVOD_CLIBCRYPTO_SHIM_H
#define SVOD_CLIBCRYPTO_SHIM_H
/* OpenSSL's digests only: libzip already links libcrypto, so hashing through it adds no
   library to the running program, and its SHA-256 uses the CPU's SHA instructions. */
#include <openssl/evp.h>
#endif

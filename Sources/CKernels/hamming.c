#include "CKernels.h"

uint64_t ck_hamming_distance(const uint64_t *a, const uint64_t *b, size_t words) {
    uint64_t total = 0;
    for (size_t i = 0; i < words; i++) total += (uint64_t)__builtin_popcountll(a[i] ^ b[i]);
    return total;
}

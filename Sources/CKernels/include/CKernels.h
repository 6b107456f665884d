#ifndef CKERNELS_H
#define CKERNELS_H
#include <stdint.h>
#include <stddef.h>

/// Number of differing bits between two packed codes of `words` 64-bit words.
uint64_t ck_hamming_distance(const uint64_t *a, const uint64_t *b, size_t words);

#endif

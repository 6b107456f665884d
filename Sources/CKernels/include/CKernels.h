#ifndef CKERNELS_H
#define CKERNELS_H
#include <stdint.h>
#include <stddef.h>

// Hot loops over packed binary codes. Each exported function is compiled several times
// (target_clones) and the loader picks the clone for the running CPU, so the default
// build runs on any x86-64 machine and still uses POPCNT or AVX2 where present.
// A code is `words` consecutive 64-bit words; a code table is `count` codes back to back.

/// Number of set bits in `words` 64-bit words.
uint64_t ck_popcount(const uint64_t *values, size_t words);

/// Number of differing bits between two codes of `words` 64-bit words.
uint64_t ck_hamming_distance(const uint64_t *a, const uint64_t *b, size_t words);

/// Writes the Hamming distance from `query` to each of the `count` codes into `distances`.
void ck_hamming_distances(const uint64_t *query, const uint64_t *codes, size_t count,
                          size_t words, int32_t *distances);

/// Hamming top-k: for each of `query_count` queries, the `k` codes of `codes` nearest to it,
/// nearest first, ties broken by the lower row index. `rows` and `distances` receive
/// `query_count * k` entries; when `count < k` the missing tail has row -1 and distance
/// INT32_MAX. Codes are scanned in blocks so a block stays in cache across several queries.
void ck_hamming_top_k(const uint64_t *queries, size_t query_count, const uint64_t *codes,
                      size_t count, size_t words, size_t k, int32_t *rows, int32_t *distances);

#endif

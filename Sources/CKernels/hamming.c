#include "CKernels.h"

// Runtime dispatch: one clone per target; the ifunc resolver picks the best at load time.
// "popcnt" covers the many x86-64 CPUs without AVX2; "default" runs anywhere.
#if defined(__x86_64__) && defined(__linux__)
#define CK_DISPATCH __attribute__((target_clones("avx2", "popcnt", "default")))
#else
#define CK_DISPATCH
#endif

#define CK_POPCOUNT(x) ((uint32_t)__builtin_popcountll(x))

CK_DISPATCH
uint64_t ck_popcount(const uint64_t *values, size_t words) {
    uint64_t total = 0;
    for (size_t i = 0; i < words; i++) total += CK_POPCOUNT(values[i]);
    return total;
}

CK_DISPATCH
uint64_t ck_hamming_distance(const uint64_t *a, const uint64_t *b, size_t words) {
    uint64_t total = 0;
    for (size_t i = 0; i < words; i++) total += CK_POPCOUNT(a[i] ^ b[i]);
    return total;
}

CK_DISPATCH
void ck_hamming_distances(const uint64_t *query, const uint64_t *codes, size_t count,
                          size_t words, int32_t *distances) {
    if (words == 1) {
        const uint64_t q0 = query[0];
        for (size_t r = 0; r < count; r++) distances[r] = (int32_t)CK_POPCOUNT(codes[r] ^ q0);
    } else if (words == 2) {
        const uint64_t q0 = query[0], q1 = query[1];
        for (size_t r = 0; r < count; r++) {
            const uint64_t *c = codes + 2 * r;
            distances[r] = (int32_t)(CK_POPCOUNT(c[0] ^ q0) + CK_POPCOUNT(c[1] ^ q1));
        }
    } else {
        for (size_t r = 0; r < count; r++) {
            const uint64_t *c = codes + words * r;
            uint32_t total = 0;
            for (size_t w = 0; w < words; w++) total += CK_POPCOUNT(c[w] ^ query[w]);
            distances[r] = (int32_t)total;
        }
    }
}

// Inserts row `row` at distance `d` into the sorted list of one query. Rows arrive in
// increasing order, so a row whose distance equals the current worst never enters: that keeps
// ties ordered by the lower row index without comparing indices.
static inline void ck_insert(int32_t *best_rows, int32_t *best_distances, size_t k,
                             int32_t row, int32_t d) {
    size_t position = k - 1;
    while (position > 0 && best_distances[position - 1] > d) {
        best_distances[position] = best_distances[position - 1];
        best_rows[position] = best_rows[position - 1];
        position--;
    }
    best_distances[position] = d;
    best_rows[position] = row;
}

// Queries per group and codes per block: a block of 4,096 codes of up to 4 words is 128 KiB,
// which stays in L2 while the group's queries scan it.
enum { CK_QUERY_GROUP = 8, CK_CODE_BLOCK = 4096 };

CK_DISPATCH
void ck_hamming_top_k(const uint64_t *queries, size_t query_count, const uint64_t *codes,
                      size_t count, size_t words, size_t k, int32_t *rows, int32_t *distances) {
    if (k == 0) return;
    for (size_t i = 0; i < query_count * k; i++) {
        rows[i] = -1;
        distances[i] = INT32_MAX;
    }
    for (size_t group = 0; group < query_count; group += CK_QUERY_GROUP) {
        const size_t group_end = group + CK_QUERY_GROUP < query_count ? group + CK_QUERY_GROUP : query_count;
        for (size_t block = 0; block < count; block += CK_CODE_BLOCK) {
            const size_t block_end = block + CK_CODE_BLOCK < count ? block + CK_CODE_BLOCK : count;
            for (size_t q = group; q < group_end; q++) {
                const uint64_t *query = queries + q * words;
                int32_t *best_rows = rows + q * k;
                int32_t *best_distances = distances + q * k;
                int32_t worst = best_distances[k - 1];
                if (words == 1) {
                    const uint64_t q0 = query[0];
                    for (size_t r = block; r < block_end; r++) {
                        const int32_t d = (int32_t)CK_POPCOUNT(codes[r] ^ q0);
                        if (d < worst) {
                            ck_insert(best_rows, best_distances, k, (int32_t)r, d);
                            worst = best_distances[k - 1];
                        }
                    }
                } else if (words == 2) {
                    const uint64_t q0 = query[0], q1 = query[1];
                    for (size_t r = block; r < block_end; r++) {
                        const uint64_t *c = codes + 2 * r;
                        const int32_t d = (int32_t)(CK_POPCOUNT(c[0] ^ q0) + CK_POPCOUNT(c[1] ^ q1));
                        if (d < worst) {
                            ck_insert(best_rows, best_distances, k, (int32_t)r, d);
                            worst = best_distances[k - 1];
                        }
                    }
                } else {
                    for (size_t r = block; r < block_end; r++) {
                        const uint64_t *c = codes + words * r;
                        uint32_t total = 0;
                        for (size_t w = 0; w < words; w++) total += CK_POPCOUNT(c[w] ^ query[w]);
                        const int32_t d = (int32_t)total;
                        if (d < worst) {
                            ck_insert(best_rows, best_distances, k, (int32_t)r, d);
                            worst = best_distances[k - 1];
                        }
                    }
                }
            }
        }
    }
}

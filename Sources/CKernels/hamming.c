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

// Scans rows [first, last) for four queries at once, so each code is loaded once per four
// distances and the four compare chains run in parallel. `Q` and `DISTANCE` are macros so
// the one- and two-word versions share the body and still inline into each clone.
#define CK_SCAN_FOUR(DISTANCE)                                                                 \
    for (size_t r = first; r < last; r++) {                                                    \
        const uint64_t *c = codes + words * r;                                                 \
        for (int j = 0; j < 4; j++) {                                                          \
            const int32_t d = (int32_t)(DISTANCE);                                             \
            if (d < worst[j]) {                                                                \
                ck_insert(best_rows[j], best_distances[j], k, (int32_t)r, d);                  \
                worst[j] = best_distances[j][k - 1];                                           \
            }                                                                                  \
        }                                                                                      \
    }

static inline void ck_scan_one(const uint64_t *query, const uint64_t *codes, size_t first, size_t last,
                               size_t words, size_t k, int32_t *best_rows, int32_t *best_distances) {
    int32_t worst = best_distances[k - 1];
    for (size_t r = first; r < last; r++) {
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
        for (size_t first = 0; first < count; first += CK_CODE_BLOCK) {
            const size_t last = first + CK_CODE_BLOCK < count ? first + CK_CODE_BLOCK : count;
            size_t q = group;
            for (; q + 4 <= group_end && words <= 2; q += 4) {
                const uint64_t *query[4];
                int32_t *best_rows[4], *best_distances[4];
                int32_t worst[4];
                uint64_t q0[4], q1[4];
                for (int j = 0; j < 4; j++) {
                    query[j] = queries + (q + j) * words;
                    best_rows[j] = rows + (q + j) * k;
                    best_distances[j] = distances + (q + j) * k;
                    worst[j] = best_distances[j][k - 1];
                    q0[j] = query[j][0];
                    q1[j] = words == 2 ? query[j][1] : 0;
                }
                if (words == 1) {
                    CK_SCAN_FOUR(CK_POPCOUNT(c[0] ^ q0[j]))
                } else {
                    CK_SCAN_FOUR(CK_POPCOUNT(c[0] ^ q0[j]) + CK_POPCOUNT(c[1] ^ q1[j]))
                }
            }
            for (; q < group_end; q++) {
                ck_scan_one(queries + q * words, codes, first, last, words, k, rows + q * k, distances + q * k);
            }
        }
    }
}

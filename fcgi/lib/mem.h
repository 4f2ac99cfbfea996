/* mem: allocation that reports failure to its caller (never aborts), with a test-only countdown. */
#ifndef KSTT_MEM_H
#define KSTT_MEM_H
#include <stddef.h>

/* realloc(p, n), n == 0 taken as 1; NULL when memory ran out (p is then left as it was). */
void *mem_realloc(void *p, size_t n);
/* Room for one more element in *arr (n used of *cap, each size bytes), doubling from 8; -1 when
 * memory ran out (*arr and *cap unchanged). Use through MEM_GROW. */
int mem_grow(void **arr, size_t n, size_t *cap, size_t size);
#define MEM_GROW(arr, n, cap) mem_grow((void **)&(arr), (n), &(cap), sizeof *(arr))
/* A NUL-terminated copy of s[0..n); NULL when memory ran out. */
char *mem_strndup(const char *s, size_t n);

#ifdef KSTT_TEST_HOOKS
/*
 * Unit tests only (the sanitizer build defines KSTT_TEST_HOOKS): after `after` more allocations
 * through mem_* (and so lib/buf), the next `count` ones fail (count < 0: all of them) until
 * mem_fail_after(-1, 0). mem_failures() counts the allocations failed on purpose since the last
 * mem_fail_after. Per thread.
 */
void mem_fail_after(long after, long count);
long mem_failures(void);
#endif

#endif

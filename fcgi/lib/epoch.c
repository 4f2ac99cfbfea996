/* epoch: a write counter in one anonymous shared page, inherited by every process forked after. */
#include "lib/epoch.h"

#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>

static _Atomic unsigned long long *counter;

int epoch_init(void) {
    if (counter) return 0;
    void *p =
        mmap(NULL, sizeof *counter, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
    counter = p;
    atomic_store(counter, 1);
    return 0;
}

int epoch_shared(void) {
    return counter != NULL;
}

unsigned long long epoch_now(void) {
    return counter ? atomic_load(counter) : 0;
}

void epoch_bump(void) {
    if (counter) atomic_fetch_add(counter, 1);
}

/* Pure decisions of the abuse limits: sign-in delays and the phone number key. */
#include "core/abuse.h"

#include <string.h>

/* 2 s after the allowance is used up, doubling with each further failure, capped. */
static long doubling(int over, int cap) {
    long d = 2;
    for (int i = 0; i < over && d < cap; i++) d *= 2;
    return d < cap ? d : cap;
}

long login_delay(const struct login_counts *c, const struct login_policy *p) {
    long wait = 0;
    /* A username guessed at from many addresses: every address gets one try, then waits. */
    int free = c->user_failures >= p->user_ceiling ? 1 : p->pair_free;
    if (free < 1) free = 1;
    if (c->pair_failures >= free) {
        long w = doubling(c->pair_failures - free, p->max_delay_s) - c->pair_age;
        if (w > wait) wait = w;
    }
    /* One address trying many usernames; users who have signed in from it before are spared. */
    if (!c->pair_known && c->addr_failures >= p->addr_ceiling) {
        long w = doubling(c->addr_failures - p->addr_ceiling, p->max_delay_s) - c->addr_age;
        if (w > wait) wait = w;
    }
    return wait > 0 ? wait : 0;
}

int phone_key(const char *in, char out[16]) {
    char d[32];
    size_t n = 0;
    for (const char *s = in; s && *s; s++) {
        if (*s < '0' || *s > '9') continue;
        if (n >= 20) return -1;
        d[n++] = *s;
    }
    d[n] = '\0';
    /* +84 912 345 678 is 0912 345 678. */
    const char *digits = d;
    if (n == 11 && strncmp(d, "84", 2) == 0) {
        d[1] = '0';
        digits = d + 1;
        n = 10;
    }
    if (n < 8 || n > 15) return -1;
    memcpy(out, digits, n + 1);
    return 0;
}

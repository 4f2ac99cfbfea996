/* Pure decisions of the abuse limits: how long a sign-in must wait, and the key of a phone
 * number for the per-number ceiling on public submissions. */
#ifndef KSTT_CORE_ABUSE_H
#define KSTT_CORE_ABUSE_H

/* The sign-in policy (KSTT_LOGIN_* in the environment). */
struct login_policy {
    int pair_free;    /* failures of one (username, address) before delays start */
    int user_ceiling; /* failures of a username from all addresses that make every address wait */
    int addr_ceiling; /* failures from one address that make it wait for usernames new to it */
    int max_delay_s;  /* no wait is ever longer than this */
};

/* What the attempt log says, within the window. Ages are seconds since the last failure. */
struct login_counts {
    int pair_failures; /* this username from this address, since its last success there */
    long pair_age;
    int user_failures; /* this username from every address */
    int addr_failures; /* this address, every username */
    long addr_age;
    int pair_known; /* this username has signed in from this address before */
};

/* Seconds the attempt must wait (0: go ahead). Delays double with each failure past the
 * allowance, from 2 s up to max_delay_s, counted from the last failure. Never a lock: a
 * username signing in from an address with no failures of its own waits for nothing, and
 * colleagues behind a busy address are spared as long as they have signed in from it before. */
long login_delay(const struct login_counts *c, const struct login_policy *p);

/* The key of a Vietnamese phone number: its digits, "+84 912..." and "0912..." alike ("0912...").
 * Returns 0, or -1 when there are not 8 to 15 digits. */
int phone_key(const char *in, char out[16]);

#endif

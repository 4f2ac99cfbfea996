/* Unit tests for core/abuse: sign-in delays (never a lock for the owner) and phone keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/abuse.h"

static const struct login_policy P = {5, 20, 25, 900};

static void no_failures_no_wait(void **state) {
    (void)state;
    struct login_counts c = {0};
    assert_int_equal(login_delay(&c, &P), 0);
}

static void pair_allowance_then_doubling(void **state) {
    (void)state;
    struct login_counts c = {0};
    c.pair_failures = 4;
    assert_int_equal(login_delay(&c, &P), 0);
    c.pair_failures = 5;
    assert_int_equal(login_delay(&c, &P), 2);
    c.pair_failures = 6;
    assert_int_equal(login_delay(&c, &P), 4);
    c.pair_failures = 8;
    assert_int_equal(login_delay(&c, &P), 16);
    c.pair_age = 10; /* counted from the last failure */
    assert_int_equal(login_delay(&c, &P), 6);
    c.pair_age = 16;
    assert_int_equal(login_delay(&c, &P), 0);
    c.pair_age = 0;
    c.pair_failures = 500; /* capped, never a lock */
    assert_int_equal(login_delay(&c, &P), 900);
}

static void user_ceiling_slows_every_address_but_not_a_fresh_one(void **state) {
    (void)state;
    struct login_counts c = {0};
    c.user_failures = 40;                     /* guessed at from everywhere */
    assert_int_equal(login_delay(&c, &P), 0); /* the owner's own address: goes ahead */
    c.pair_failures = 1;
    assert_int_equal(login_delay(&c, &P), 2);
    c.pair_failures = 3;
    assert_int_equal(login_delay(&c, &P), 8);
}

static void busy_address_spares_known_users(void **state) {
    (void)state;
    struct login_counts c = {0};
    c.addr_failures = 30;
    assert_int_equal(login_delay(&c, &P), 64);
    c.pair_known = 1;
    assert_int_equal(login_delay(&c, &P), 0);
    c.pair_known = 0;
    c.addr_failures = 24;
    assert_int_equal(login_delay(&c, &P), 0);
}

static void phone_keys(void **state) {
    (void)state;
    char k[16];
    assert_int_equal(phone_key("0912 345 678", k), 0);
    assert_string_equal(k, "0912345678");
    assert_int_equal(phone_key("+84 912.345.678", k), 0);
    assert_string_equal(k, "0912345678");
    assert_int_equal(phone_key("(0228) 3-123-456", k), 0);
    assert_string_equal(k, "02283123456");
    assert_int_equal(phone_key("12345", k), -1);
    assert_int_equal(phone_key("1234567890123456", k), -1);
    assert_int_equal(phone_key("123456789012345678901234", k), -1);
    assert_int_equal(phone_key(NULL, k), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_failures_no_wait),
        cmocka_unit_test(pair_allowance_then_doubling),
        cmocka_unit_test(user_ceiling_slows_every_address_but_not_a_fresh_one),
        cmocka_unit_test(busy_address_spares_known_users),
        cmocka_unit_test(phone_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

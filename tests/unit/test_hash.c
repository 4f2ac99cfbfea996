/* Unit tests for lib/hash: the published FNV-1a 64-bit vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/hash.h"

static void test_hex(void **state) {
    (void)state;
    const unsigned char in[] = {0x00, 0x0f, 0xa5, 0xff, 0x10};
    char out[11];
    memset(out, 'x', sizeof out);
    hash_hex(in, sizeof in, out);
    assert_string_equal(out, "000fa5ff10");
    hash_hex(in, 0, out);
    assert_string_equal(out, "");
}

static void test_vectors(void **state) {
    (void)state;
    /* From the FNV reference test suite (draft-eastlake-fnv). */
    assert_true(hash_fnv1a("", 0) == 0xcbf29ce484222325ULL);
    assert_true(hash_fnv1a_str("a") == 0xaf63dc4c8601ec8cULL);
    assert_true(hash_fnv1a_str("foobar") == 0x85944171f73967e8ULL);
    assert_true(hash_fnv1a("foobar", 3) == hash_fnv1a_str("foo"));
    assert_true(hash_fnv1a("a\0b", 3) != hash_fnv1a("a\0c", 3)); /* bytes, not a C string */
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_vectors), cmocka_unit_test(test_hex)};
    return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}

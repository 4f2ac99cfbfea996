/* Unit tests for core/feedback_flow: transitions per actor, allowed lists, labels, codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/feedback_flow.h"

static void test_names_roundtrip(void **state) {
    (void)state;
    for (int s = FB_NEW; s < FB_NSTATES; s++) {
        const char *n = fb_state_name((enum fb_state)s);
        assert_non_null(n);
        assert_int_equal(fb_state_from(n), s);
        assert_true(strlen(fb_state_label((enum fb_state)s)) > 0);
    }
    assert_int_equal(fb_state_from("nope"), FB_NONE);
    assert_int_equal(fb_state_from(NULL), FB_NONE);
    assert_null(fb_state_name(FB_NONE));
    assert_null(fb_state_name((enum fb_state)99));
    for (int a = 0; a < FBA_NACTIONS; a++)
        assert_int_equal(fb_action_from(fb_action_name((enum fb_action)a)), a);
    assert_int_equal(fb_action_from("fly"), -1);
    assert_int_equal(fb_action_from(NULL), -1);
}

/* The happy path of the issue: submit, accept, forward, receive, answer, publish, rate. */
static void test_happy_path(void **state) {
    (void)state;
    enum fb_state s = fb_next(FB_NONE, FB_CITIZEN, FBA_SUBMIT);
    assert_int_equal(s, FB_NEW);
    s = fb_next(s, FB_COORDINATOR, FBA_ACCEPT);
    assert_int_equal(s, FB_ACCEPTED);
    s = fb_next(s, FB_COORDINATOR, FBA_FORWARD);
    assert_int_equal(s, FB_FORWARDED);
    s = fb_next(s, FB_UNIT, FBA_RECEIVE);
    assert_int_equal(s, FB_PROCESSING);
    assert_int_equal(fb_next(s, FB_UNIT, FBA_DRAFT), FB_PROCESSING);
    s = fb_next(s, FB_UNIT, FBA_SUBMIT_ANSWER);
    assert_int_equal(s, FB_ANSWERED);
    s = fb_next(s, FB_COORDINATOR, FBA_PUBLISH);
    assert_int_equal(s, FB_PUBLISHED);
    assert_int_equal(fb_next(s, FB_CITIZEN, FBA_RATE), FB_PUBLISHED);
    assert_true(fb_terminal(s));
}

static void test_side_paths(void **state) {
    (void)state;
    /* information request and the sender's reply */
    assert_int_equal(fb_next(FB_NEW, FB_COORDINATOR, FBA_REQUEST_INFO), FB_NEEDS_INFO);
    assert_int_equal(fb_next(FB_NEEDS_INFO, FB_CITIZEN, FBA_INFO_REPLY), FB_NEW);
    /* return by the unit, re-routing */
    assert_int_equal(fb_next(FB_FORWARDED, FB_UNIT, FBA_RETURN), FB_RETURNED);
    assert_int_equal(fb_next(FB_PROCESSING, FB_UNIT, FBA_RETURN), FB_RETURNED);
    assert_int_equal(fb_next(FB_RETURNED, FB_COORDINATOR, FBA_FORWARD), FB_FORWARDED);
    assert_int_equal(fb_next(FB_RETURNED, FB_COORDINATOR, FBA_REJECT), FB_REJECTED);
    /* send back */
    assert_int_equal(fb_next(FB_ANSWERED, FB_COORDINATOR, FBA_SEND_BACK), FB_PROCESSING);
    /* duplicates and rejections from the coordinator's states */
    for (enum fb_state s = FB_NEW; s < FB_NSTATES; s++) {
        int open_for_coord =
            s == FB_NEW || s == FB_NEEDS_INFO || s == FB_ACCEPTED || s == FB_RETURNED;
        assert_int_equal(fb_next(s, FB_COORDINATOR, FBA_DUPLICATE) != FB_NONE, open_for_coord);
        assert_int_equal(fb_next(s, FB_COORDINATOR, FBA_REJECT) != FB_NONE, open_for_coord);
    }
}

/* Every action belongs to one kind of actor: no one else can take it in any state. */
static void test_actor_separation(void **state) {
    (void)state;
    const int coord[] = {FBA_REJECT,    FBA_REQUEST_INFO, FBA_ACCEPT,   FBA_FORWARD,
                         FBA_DUPLICATE, FBA_PUBLISH,      FBA_SEND_BACK};
    const int unit[] = {FBA_RECEIVE, FBA_RETURN, FBA_DRAFT, FBA_SUBMIT_ANSWER};
    const int citizen[] = {FBA_SUBMIT, FBA_INFO_REPLY, FBA_RATE};
    for (int s = FB_NONE; s < FB_NSTATES; s++) {
        for (size_t i = 0; i < sizeof coord / sizeof coord[0]; i++) {
            assert_int_equal(fb_next((enum fb_state)s, FB_UNIT | FB_CITIZEN | FB_SYSTEM, coord[i]),
                             FB_NONE);
        }
        for (size_t i = 0; i < sizeof unit / sizeof unit[0]; i++)
            assert_int_equal(fb_next((enum fb_state)s, FB_COORDINATOR | FB_CITIZEN, unit[i]),
                             FB_NONE);
        for (size_t i = 0; i < sizeof citizen / sizeof citizen[0]; i++)
            assert_int_equal(fb_next((enum fb_state)s, FB_COORDINATOR | FB_UNIT, citizen[i]),
                             FB_NONE);
    }
}

/* Final states allow nothing but the rating of a published answer. */
static void test_terminal_states(void **state) {
    (void)state;
    enum fb_action a[FBA_NACTIONS];
    assert_int_equal(
        fb_allowed(FB_REJECTED, FB_COORDINATOR | FB_UNIT | FB_CITIZEN, a, FBA_NACTIONS), 0);
    assert_int_equal(
        fb_allowed(FB_DUPLICATE, FB_COORDINATOR | FB_UNIT | FB_CITIZEN, a, FBA_NACTIONS), 0);
    /* the coordinator may correct a published answer (issue 16) or reopen it (issue 20): back to
     * the unit, whose answer clock restarts */
    assert_int_equal(fb_allowed(FB_PUBLISHED, FB_COORDINATOR | FB_UNIT, a, FBA_NACTIONS), 2);
    assert_int_equal(a[0], FBA_CORRECT);
    assert_int_equal(a[1], FBA_REOPEN);
    assert_int_equal(fb_next(FB_PUBLISHED, FB_COORDINATOR, FBA_REOPEN), FB_PROCESSING);
    assert_int_equal(fb_next(FB_PUBLISHED, FB_UNIT, FBA_REOPEN), FB_NONE);
    assert_int_equal(fb_next(FB_ANSWERED, FB_COORDINATOR, FBA_REOPEN), FB_NONE);
    assert_string_equal(fb_action_name(FBA_REOPEN), "reopen");
    assert_non_null(fb_public_step(FBA_REOPEN));
    assert_int_equal(fb_allowed(FB_PUBLISHED, FB_CITIZEN, a, FBA_NACTIONS), 1);
    assert_int_equal(a[0], FBA_RATE);
    assert_true(fb_terminal(FB_REJECTED) && fb_terminal(FB_DUPLICATE));
    assert_false(fb_terminal(FB_RETURNED) || fb_terminal(FB_NEW));
    /* out of range states never move */
    assert_int_equal(fb_next((enum fb_state) - 1, FB_COORDINATOR, FBA_ACCEPT), FB_NONE);
    assert_int_equal(fb_next(FB_NSTATES, FB_COORDINATOR, FBA_ACCEPT), FB_NONE);
}

static void test_allowed_lists(void **state) {
    (void)state;
    char json[256];
    fb_allowed_json(FB_NEW, FB_COORDINATOR, json, sizeof json);
    assert_string_equal(json, "[\"reject\",\"request_info\",\"accept\",\"duplicate\"]");
    fb_allowed_json(FB_ACCEPTED, FB_COORDINATOR, json, sizeof json);
    assert_string_equal(json, "[\"reject\",\"request_info\",\"accept\",\"forward\",\"duplicate\"]");
    fb_allowed_json(FB_FORWARDED, FB_UNIT, json, sizeof json);
    assert_string_equal(json, "[\"receive\",\"return\"]");
    fb_allowed_json(FB_PROCESSING, FB_UNIT, json, sizeof json);
    assert_string_equal(json, "[\"return\",\"draft\",\"submit_answer\"]");
    fb_allowed_json(FB_ANSWERED, FB_COORDINATOR | FB_UNIT, json, sizeof json);
    assert_string_equal(json, "[\"publish\",\"send_back\"]");
    fb_allowed_json(FB_FORWARDED, FB_COORDINATOR, json, sizeof json);
    assert_string_equal(json, "[]");
    /* a tiny buffer never overflows and stays valid JSON */
    char small[12];
    fb_allowed_json(FB_ACCEPTED, FB_COORDINATOR, small, sizeof small);
    assert_string_equal(small, "[\"reject\"]");
    fb_allowed_json(FB_ACCEPTED, FB_COORDINATOR, small, 3);
    assert_string_equal(small, "[]");
    enum fb_action two[2];
    assert_int_equal(fb_allowed(FB_ACCEPTED, FB_COORDINATOR, two, 2), 2);
}

static void test_types_and_reasons(void **state) {
    (void)state;
    assert_null(fb_type_label(0));
    assert_null(fb_type_label(9));
    for (int t = 1; t <= FB_NTYPES; t++) assert_non_null(fb_type_label(t));
    assert_non_null(strstr(fb_type_label(1), "phiền hà"));
    assert_non_null(strstr(fb_type_label(8), "Sáng kiến"));
    int n = 0;
    for (; fb_reject_reasons[n]; n++) assert_non_null(fb_reject_label(fb_reject_reasons[n]));
    assert_int_equal(n, 9);
    assert_null(fb_reject_label("bogus"));
    assert_null(fb_reject_label(NULL));
    assert_non_null(fb_public_step(FBA_SUBMIT));
    assert_null(fb_public_step(FBA_DRAFT));
}

static void test_codes(void **state) {
    (void)state;
    const unsigned char zero[8] = {0}, ones[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    char code[15], bare[13], again[15];
    fb_code_make(zero, code);
    assert_string_equal(code, "2222-2222-2222");
    fb_code_make(ones, code);
    assert_string_equal(code, "ZZZZ-ZZZZ-ZZZZ");
    const unsigned char r[8] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
    fb_code_make(r, code);
    assert_int_equal(strlen(code), 14);
    assert_int_equal(code[4], '-');
    assert_int_equal(code[9], '-');
    for (const char *p = code; *p; p++) {
        assert_null(strchr("01OI", *p));
    }
    assert_int_equal(fb_code_normalize(code, bare), 0);
    fb_code_format(bare, again);
    assert_string_equal(again, code);
    /* what people type */
    assert_int_equal(fb_code_normalize("abcd efgh jkmn", bare), 0);
    assert_string_equal(bare, "ABCDEFGHJKMN");
    assert_int_equal(fb_code_normalize(" ABCD-EFGH-JKMN ", bare), 0);
    assert_int_equal(fb_code_normalize("ABCD-EFGH-JKM", bare), -1);   /* short */
    assert_int_equal(fb_code_normalize("ABCD-EFGH-JKMNP", bare), -1); /* long */
    assert_int_equal(fb_code_normalize("ABCD-EFGH-JKM0", bare), -1);  /* 0 is not a symbol */
    assert_int_equal(fb_code_normalize("ABCD-EFGH-JKMO", bare), -1);
    assert_int_equal(fb_code_normalize("ABCD-EFGH-JKM1", bare), -1);
    assert_int_equal(fb_code_normalize("ABCD-EFGH-JKMI", bare), -1);
    assert_int_equal(fb_code_normalize("ABCD/EFGH/JKMN", bare), -1);
    assert_int_equal(fb_code_normalize(NULL, bare), -1);
    assert_int_equal(fb_code_normalize("", bare), -1);
    /* every symbol of the alphabet appears and the alphabet has 32 distinct symbols */
    assert_int_equal(strlen(FB_CODE_ALPHABET), 32);
    for (int i = 0; i < 32; i++)
        assert_ptr_equal(strchr(FB_CODE_ALPHABET, FB_CODE_ALPHABET[i]), FB_CODE_ALPHABET + i);
    /* distinct random inputs give distinct codes (60 bits are used) */
    unsigned char a[8] = {0}, b[8] = {0};
    b[7] = 1;
    char ca[15], cb[15];
    fb_code_make(a, ca);
    fb_code_make(b, cb);
    assert_string_not_equal(ca, cb);
    a[0] = 0xf0; /* only the top 4 bits differ: unused */
    fb_code_make(a, cb);
    assert_string_equal(ca, cb);
    a[0] = 0x08;
    fb_code_make(a, cb);
    assert_string_not_equal(ca, cb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_roundtrip),   cmocka_unit_test(test_happy_path),
        cmocka_unit_test(test_side_paths),        cmocka_unit_test(test_actor_separation),
        cmocka_unit_test(test_terminal_states),   cmocka_unit_test(test_allowed_lists),
        cmocka_unit_test(test_types_and_reasons), cmocka_unit_test(test_codes),
    };
    return cmocka_run_group_tests_name("feedback_flow", tests, NULL, NULL);
}

/* Unit tests for lib/log: request lines wait in whole-line batches, warnings go out at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/log.h"

static int saved_err = -1, out_fd = -1;
static char out_path[] = "/tmp/kstt-test-log-XXXXXX";

/* stderr goes to a fresh file for each test. */
static int setup(void **state) {
    (void)state;
    out_fd = mkstemp(out_path);
    if (out_fd < 0) return -1;
    saved_err = dup(STDERR_FILENO);
    return dup2(out_fd, STDERR_FILENO) < 0 ? -1 : 0;
}

static int teardown(void **state) {
    (void)state;
    log_flush();
    dup2(saved_err, STDERR_FILENO);
    close(saved_err);
    close(out_fd);
    unlink(out_path);
    strcpy(out_path, "/tmp/kstt-test-log-XXXXXX");
    return 0;
}

/* What the file holds so far (static storage, NUL-terminated). */
static const char *written(void) {
    static char got[4 * PIPE_BUF];
    ssize_t n = pread(out_fd, got, sizeof got - 1, 0);
    got[n > 0 ? n : 0] = '\0';
    return got;
}

static void later(const char *s) {
    log_line_later(s, strlen(s));
}

static void test_request_lines_wait_for_flush(void **state) {
    (void)state;
    later("{\"a\":1}");
    later("{\"b\":2}");
    assert_string_equal(written(), "");
    log_flush();
    assert_string_equal(written(), "{\"a\":1}\n{\"b\":2}\n");
    log_flush(); /* nothing waits: nothing more */
    assert_string_equal(written(), "{\"a\":1}\n{\"b\":2}\n");
}

static void test_warning_goes_after_waiting_lines(void **state) {
    (void)state;
    later("{\"req\":1}");
    log_line("{\"warn\":1}", 10);
    assert_string_equal(written(), "{\"req\":1}\n{\"warn\":1}\n");
    log_warn("disk %s", "full");
    const char *w = written();
    assert_non_null(strstr(w, "\"level\":\"warn\""));
    assert_non_null(strstr(w, "\"msg\":\"disk full\"}\n"));
}

/* Lines that would pass PIPE_BUF together go out before the one that would: whole lines only. */
static void test_batches_stay_under_pipe_buf(void **state) {
    (void)state;
    char line[101];
    memset(line, 'x', 100);
    line[100] = '\0';
    int fit = PIPE_BUF / 101; /* each line takes 101 bytes with its newline */
    for (int i = 0; i < fit; i++) later(line);
    assert_string_equal(written(), "");
    later(line);
    size_t len = strlen(written());
    assert_int_equal(len, (size_t)fit * 101);
    log_flush();
    len = strlen(written());
    assert_int_equal(len, (size_t)(fit + 1) * 101);
    for (size_t i = 100; i < len; i += 101) assert_int_equal(written()[i], '\n');
}

static void test_long_line_is_written_now_in_order(void **state) {
    (void)state;
    static char big[PIPE_BUF + 10];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    later("{\"first\":1}");
    later(big);
    const char *w = written();
    assert_int_equal(strncmp(w, "{\"first\":1}\n", 12), 0);
    assert_int_equal(strlen(w), 12 + strlen(big) + 1);
    assert_int_equal(w[strlen(w) - 1], '\n');
}

static void test_aged_lines_are_flushed(void **state) {
    (void)state;
    long long t0 = clock_mono_ms();
    later("{\"old\":1}");
    log_flush_aged(t0 - 1); /* not yet old: still waits */
    assert_string_equal(written(), "");
    log_flush_aged(clock_mono_ms() + LOG_DELAY_MS);
    assert_string_equal(written(), "{\"old\":1}\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_request_lines_wait_for_flush, setup, teardown),
        cmocka_unit_test_setup_teardown(test_warning_goes_after_waiting_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batches_stay_under_pipe_buf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_line_is_written_now_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_aged_lines_are_flushed, setup, teardown),
    };
    return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}

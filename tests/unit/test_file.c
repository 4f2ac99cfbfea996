/* Unit tests for lib/file: whole-file reads (limits, errors, out left intact) and full writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/file.h"

static char g_dir[] = "/tmp/kstt-test-file-XXXXXX";

/* Writes len bytes to dir/name with the given mode; returns the path (static). */
static const char *make(const char *name, const void *data, size_t len, mode_t mode) {
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    assert_true(fd >= 0);
    assert_int_equal(file_write_all(fd, data, len), 0);
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
    return path;
}

static void test_reads_whole_file_and_appends(void **state) {
    (void)state;
    unsigned char big[100000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (unsigned char)(i * 7);
    const char *p = make("big", big, sizeof big, 0640);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "head:");
    mode_t mode = 0;
    assert_int_equal(file_read_all(p, &b, sizeof big, &mode), 0);
    assert_int_equal(b.len, 5 + sizeof big);
    assert_memory_equal(b.data, "head:", 5);
    assert_memory_equal(b.data + 5, big, sizeof big);
    assert_int_equal(b.data[b.len], '\0');
    assert_int_equal(mode & 0777, 0640);
    buf_free(&b);
}

static void test_empty_file(void **state) {
    (void)state;
    const char *p = make("empty", "", 0, 0600);
    struct buf b;
    buf_init(&b);
    assert_int_equal(file_read_all(p, &b, 0, NULL), 0);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_cstr(&b), "");
    buf_free(&b);
}

static void test_errors_leave_out_intact(void **state) {
    (void)state;
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "kept");
    const char *p = make("ten", "0123456789", 10, 0600);
    errno = 0;
    assert_int_equal(file_read_all(p, &b, 9, NULL), -1);
    assert_int_equal(errno, EFBIG);
    assert_string_equal(buf_cstr(&b), "kept");
    assert_int_equal(file_read_all(p, &b, 10, NULL), 0);
    assert_string_equal(buf_cstr(&b), "kept0123456789");
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing", g_dir);
    assert_int_equal(file_read_all(missing, &b, 100, NULL), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(file_read_all(g_dir, &b, 100, NULL), -1); /* a directory */
    assert_int_equal(errno, EINVAL);
    assert_string_equal(buf_cstr(&b), "kept0123456789");
    buf_free(&b);
}

static void test_write_all_bad_fd(void **state) {
    (void)state;
    assert_int_equal(file_write_all(-1, "x", 1), -1);
    assert_int_equal(file_write_all(-1, "", 0), 0);
}

static int setup(void **state) {
    (void)state;
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    const char *names[] = {"big", "empty", "ten"};
    char path[300];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", g_dir, names[i]);
        unlink(path);
    }
    return rmdir(g_dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_whole_file_and_appends),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_errors_leave_out_intact),
        cmocka_unit_test(test_write_all_bad_fd),
    };
    return cmocka_run_group_tests_name("file", tests, setup, teardown);
}

/* Unit tests for lib/keyfile: atomic 0600 key files, whole reads, shared hex secrets. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/keyfile.h"
#include "unit_helpers.h"

static char g_dir[256];

static int setup(void **state) {
    (void)state;
    mkdir("build", 0755);
    snprintf(g_dir, sizeof g_dir, "build/test_keyfile.XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    remove_tree(g_dir);
    return 0;
}

/* Files in dir other than . and .. (a leftover temp file would show here). */
static int count_entries(const char *dir) {
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    if (d) closedir(d);
    return n;
}

static char *slurp(const char *name) {
    char p[512], *s = NULL;
    snprintf(p, sizeof p, "%s/%s", g_dir, name);
    assert_int_equal(keyfile_read(p, 1 << 20, &s, NULL, NULL), 0);
    return s;
}

static void test_write_mode_and_atomicity(void **state) {
    (void)state;
    mode_t old = umask(0); /* a permissive umask must not widen the mode */
    assert_int_equal(keyfile_write(g_dir, "k.pem", "one\n", 1), 0);
    umask(old);
    char p[512];
    snprintf(p, sizeof p, "%s/k.pem", g_dir);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *s = slurp("k.pem");
    assert_string_equal(s, "one\n");
    free(s);
    /* noclobber: the existing file wins */
    assert_int_equal(keyfile_write(g_dir, "k.pem", "two\n", 1), 1);
    s = slurp("k.pem");
    assert_string_equal(s, "one\n");
    free(s);
    /* clobber: replaced */
    assert_int_equal(keyfile_write(g_dir, "k.pem", "three\n", 0), 0);
    s = slurp("k.pem");
    assert_string_equal(s, "three\n");
    free(s);
    assert_int_equal(count_entries(g_dir), 1); /* no temporary file left behind */
    /* a directory that does not exist */
    assert_int_equal(keyfile_write("build/no/such/dir", "k.pem", "x", 1), -1);
}

static void test_read_errors(void **state) {
    (void)state;
    char p[512], *s = (char *)1;
    size_t len = 99;
    mode_t mode = 0;
    snprintf(p, sizeof p, "%s/absent", g_dir);
    assert_int_equal(keyfile_read(p, 100, &s, &len, &mode), -1);
    assert_int_equal(errno, ENOENT);
    assert_null(s);
    assert_int_equal(keyfile_read(g_dir, 100, &s, NULL, NULL), -1); /* a directory */
    assert_int_equal(errno, EINVAL);
    assert_int_equal(keyfile_write(g_dir, "big", "0123456789", 0), 0);
    snprintf(p, sizeof p, "%s/big", g_dir);
    assert_int_equal(keyfile_read(p, 9, &s, NULL, NULL), -1);
    assert_int_equal(errno, EFBIG);
    assert_int_equal(keyfile_read(p, 10, &s, &len, &mode), 0);
    assert_int_equal(len, 10);
    assert_string_equal(s, "0123456789");
    assert_int_equal(mode & 0777, 0600);
    assert_true(S_ISREG(mode));
    free(s);
    /* empty file */
    assert_int_equal(keyfile_write(g_dir, "empty", "", 0), 0);
    snprintf(p, sizeof p, "%s/empty", g_dir);
    assert_int_equal(keyfile_read(p, 10, &s, &len, NULL), 0);
    assert_int_equal(len, 0);
    assert_string_equal(s, "");
    free(s);
}

static void test_secret_created_then_kept(void **state) {
    (void)state;
    char dir[300], err[256], p[400];
    unsigned char a[32], b[32];
    snprintf(dir, sizeof dir, "%s/keys", g_dir); /* made by the first call */
    assert_int_equal(keyfile_secret(dir, "altcha.key", a, sizeof a, err, sizeof err), 0);
    assert_int_equal(keyfile_secret(dir, "altcha.key", b, sizeof b, err, sizeof err), 0);
    assert_memory_equal(a, b, sizeof a);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    snprintf(p, sizeof p, "%s/altcha.key", dir);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* the format: 64 lowercase hex digits and a newline, the bytes in order */
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(keyfile_read(p, 4096, &text, &len, NULL), 0);
    assert_int_equal(len, 65);
    assert_int_equal(text[64], '\n');
    char hex[3];
    snprintf(hex, sizeof hex, "%02x", a[0]);
    assert_memory_equal(text, hex, 2);
    snprintf(hex, sizeof hex, "%02x", a[31]);
    assert_memory_equal(text + 62, hex, 2);
    free(text);
    /* two secrets in a row are different */
    unsigned char c[32];
    assert_int_equal(keyfile_secret(dir, "other.key", c, sizeof c, err, sizeof err), 0);
    assert_memory_not_equal(a, c, sizeof a);
}

static void test_secret_written_by_hand(void **state) {
    (void)state;
    char err[256];
    unsigned char k[4];
    /* what follows the digits is not read (an operator's trailing text or a longer key) */
    assert_int_equal(keyfile_write(g_dir, "s.key", "00ff10a7 trailing\n", 0), 0);
    assert_int_equal(keyfile_secret(g_dir, "s.key", k, sizeof k, err, sizeof err), 0);
    const unsigned char want[4] = {0x00, 0xff, 0x10, 0xa7};
    assert_memory_equal(k, want, 4);
    const char *bad[] = {"00FF10A7\n", "00ff10\n", "", "00ff10a\n", "zz\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(keyfile_write(g_dir, "s.key", bad[i], 0), 0);
        err[0] = '\0';
        assert_int_equal(keyfile_secret(g_dir, "s.key", k, sizeof k, err, sizeof err), -1);
        assert_non_null(strstr(err, "malformed"));
    }
    /* not a regular file */
    char d[400];
    snprintf(d, sizeof d, "%s/sub", g_dir);
    mkdir(d, 0700);
    assert_int_equal(keyfile_secret(g_dir, "sub", k, sizeof k, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot read"));
    /* sizes out of range */
    unsigned char big[65];
    assert_int_equal(keyfile_secret(g_dir, "x.key", big, 65, err, sizeof err), -1);
    assert_int_equal(keyfile_secret(g_dir, "x.key", big, 0, err, sizeof err), -1);
    assert_int_equal(keyfile_secret("", "x.key", big, 4, err, sizeof err), -1);
}

/* Processes that start at once end up with one secret, never a half-written file. */
static void test_secret_race(void **state) {
    (void)state;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/race", g_dir);
    enum { N = 8 };
    int fds[N][2];
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        assert_int_equal(pipe(fds[i]), 0);
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            unsigned char k[32];
            char err[256];
            int ok = keyfile_secret(dir, "altcha.key", k, sizeof k, err, sizeof err) == 0;
            if (!ok) memset(k, 0, sizeof k);
            _exit(write(fds[i][1], k, sizeof k) == (ssize_t)sizeof k && ok ? 0 : 1);
        }
        close(fds[i][1]);
    }
    unsigned char first[32], got[32];
    for (int i = 0; i < N; i++) {
        int st = 0;
        assert_int_equal(read(fds[i][0], got, sizeof got), (ssize_t)sizeof got);
        close(fds[i][0]);
        assert_int_equal(waitpid(pids[i], &st, 0), pids[i]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        if (i == 0) memcpy(first, got, sizeof got);
        assert_memory_equal(first, got, sizeof got);
    }
    assert_int_equal(count_entries(dir), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_mode_and_atomicity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secret_created_then_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secret_written_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secret_race, setup, teardown),
    };
    return cmocka_run_group_tests_name("keyfile", tests, NULL, NULL);
}

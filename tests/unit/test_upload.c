/* Unit tests for lib/upload: concurrent identical stores, a wrong file replaced, no temp left. */
#include <dirent.h>
#include <fcntl.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/file.h"
#include "lib/upload.h"
#include "unit_helpers.h"

#define BIG (3 * 1024 * 1024)

static char root[256];
static unsigned char *big;

static int setup(void **state) {
    (void)state;
    snprintf(root, sizeof root, "/tmp/kstt-upload-test-XXXXXX");
    assert_non_null(mkdtemp(root));
    big = malloc(BIG);
    for (size_t i = 0; i < BIG; i++) big[i] = (unsigned char)(i * 2654435761u >> 13);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    remove_tree(root);
    free(big);
    return 0;
}

/* Entries of dir/xx other than the final file (temporary files left behind). */
static int leftovers(const char *dir, const char *sha) {
    char sub[400];
    snprintf(sub, sizeof sub, "%s/%.2s", dir, sha);
    DIR *d = opendir(sub);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, sha)) n++;
    closedir(d);
    return n;
}

static void assert_stored(const char *dir, const char *sha, const unsigned char *data, size_t len) {
    struct buf b;
    buf_init(&b);
    assert_int_equal(upload_read(dir, sha, &b), 0);
    assert_int_equal(b.len, len);
    assert_memory_equal(b.data, data, len);
    buf_free(&b);
}

struct job {
    const char *dir;
    char sha[65];
    int rc;
};

static void *store_big(void *arg) {
    struct job *j = arg;
    j->rc = upload_store(j->dir, big, BIG, j->sha);
    return NULL;
}

static void test_concurrent_identical(void **state) {
    (void)state;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/conc", root);
    enum { N = 16 };
    pthread_t t[N];
    struct job jobs[N];
    for (int round = 0; round < 5; round++) {
        remove_tree(dir);
        for (int i = 0; i < N; i++) {
            jobs[i] = (struct job){.dir = dir};
            assert_int_equal(pthread_create(&t[i], NULL, store_big, &jobs[i]), 0);
        }
        for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
        for (int i = 0; i < N; i++) {
            assert_int_equal(jobs[i].rc, 0);
            assert_string_equal(jobs[i].sha, jobs[0].sha);
        }
        assert_stored(dir, jobs[0].sha, big, BIG);
        assert_int_equal(leftovers(dir, jobs[0].sha), 0);
    }
}

static void test_wrong_existing_replaced(void **state) {
    (void)state;
    char dir[300], sub[400], path[500], sha[65];
    snprintf(dir, sizeof dir, "%s/wrong", root);
    const char *data = "%PDF-1.4 the real evidence";
    size_t len = strlen(data);
    /* Learn the hash, then put a truncated copy under the final name (what the old race left). */
    assert_int_equal(upload_store(dir, data, len, sha), 0);
    snprintf(sub, sizeof sub, "%s/%.2s", dir, sha);
    snprintf(path, sizeof path, "%s/%s", sub, sha);
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, 5, f);
    fclose(f);
    char again[65];
    assert_int_equal(upload_store(dir, data, len, again), 0);
    assert_string_equal(again, sha);
    assert_stored(dir, sha, (const unsigned char *)data, len);
    /* Same size, other bytes: replaced too. */
    f = fopen(path, "wb");
    fwrite("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", 1, len, f);
    fclose(f);
    assert_int_equal(upload_store(dir, data, len, again), 0);
    assert_stored(dir, sha, (const unsigned char *)data, len);
    assert_int_equal(leftovers(dir, sha), 0);
    /* A right file stays (same inode: not rewritten). */
    struct stat a, b;
    assert_int_equal(stat(path, &a), 0);
    assert_int_equal(upload_store(dir, data, len, again), 0);
    assert_int_equal(stat(path, &b), 0);
    assert_int_equal(a.st_ino, b.st_ino);
}

static void test_hash_is_sha256(void **state) {
    (void)state;
    char dir[300], sha[65];
    snprintf(dir, sizeof dir, "%s/hash", root);
    assert_int_equal(upload_store(dir, "abc", 3, sha), 0);
    assert_string_equal(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static int produce_ok(const char *path, void *ctx) {
    (void)ctx;
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    fputs("workbook bytes", f);
    return fclose(f) == 0 ? 0 : -1;
}

static int produce_fail(const char *path, void *ctx) {
    (void)ctx;
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs("half", f);
        fclose(f);
    }
    return -1;
}

static int count_entries(const char *dir) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}

static void test_tmpfile_removed_on_every_path(void **state) {
    (void)state;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/export", root);
    assert_int_equal(mkdir(dir, 0700), 0);
    struct buf b;
    buf_init(&b);
    assert_int_equal(upload_via_tmpfile(dir, produce_ok, NULL, &b), 0);
    assert_int_equal(b.len, strlen("workbook bytes"));
    assert_memory_equal(b.data, "workbook bytes", b.len);
    assert_int_equal(count_entries(dir), 0);
    buf_free(&b);
    buf_init(&b);
    assert_int_equal(upload_via_tmpfile(dir, produce_fail, NULL, &b), -1);
    assert_int_equal(count_entries(dir), 0);
    buf_free(&b);
}

/* A pipe takes at most its buffer before the reader drains it: file_write_all must loop over
 * short writes until every byte is through, and report a closed reader as an error. */
static void *drain_pipe(void *arg) {
    int fd = *(int *)arg;
    static unsigned char got[1 << 20];
    size_t n = 0;
    ssize_t r;
    while ((r = read(fd, got + n, sizeof got - n)) > 0) n += (size_t)r;
    return (void *)(uintptr_t)n;
}

static void test_file_write_all(void **state) {
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    static unsigned char data[1 << 20];
    for (size_t i = 0; i < sizeof data; i++) data[i] = (unsigned char)(i * 7);
    pthread_t t;
    pthread_create(&t, NULL, drain_pipe, &fds[0]);
    assert_int_equal(file_write_all(fds[1], data, sizeof data), 0);
    close(fds[1]);
    void *n;
    pthread_join(t, &n);
    assert_int_equal((size_t)(uintptr_t)n, sizeof data);
    close(fds[0]);
    assert_int_equal(file_write_all(-1, data, 1), -1);
    assert_int_equal(file_write_all(-1, data, 0), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_write_all),
        cmocka_unit_test(test_hash_is_sha256),
        cmocka_unit_test(test_concurrent_identical),
        cmocka_unit_test(test_wrong_existing_replaced),
        cmocka_unit_test(test_tmpfile_removed_on_every_path),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

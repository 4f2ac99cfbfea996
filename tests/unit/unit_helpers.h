/* Helpers shared by the unit tests: dates from text, date assertions, removing a scratch tree.
 * Include after <cmocka.h>. */
#ifndef KSTT_UNIT_HELPERS_H
#define KSTT_UNIT_HELPERS_H
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/period.h"

/* The date s (YYYY-MM-DD), failing the test when it does not parse. */
static inline struct ymd D(const char *s) {
    struct ymd t = {0, 0, 0};
    assert_int_equal(ymd_parse(s, &t), 0);
    return t;
}

#define assert_date(t, s)                                                                          \
    do {                                                                                           \
        char buf_[11];                                                                             \
        ymd_format((t), buf_);                                                                     \
        assert_string_equal(buf_, (s));                                                            \
    } while (0)

/* Removes dir and everything below it (scratch directories of a test). */
static inline void
remove_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char p[4096];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        int n = snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof p) continue; /* too deep for a test's scratch tree */
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

#endif

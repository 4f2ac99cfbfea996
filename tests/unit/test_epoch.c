/* Unit tests for lib/epoch: nothing before init, one counter shared with forked children. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/epoch.h"

static void test_before_init(void **state) {
    (void)state;
    assert_int_equal(epoch_shared(), 0);
    assert_true(epoch_now() == 0);
    epoch_bump(); /* a CLI process: counts nothing, keeps nothing */
    assert_true(epoch_now() == 0);
}

static void test_shared_with_children(void **state) {
    (void)state;
    assert_int_equal(epoch_init(), 0);
    assert_int_equal(epoch_init(), 0); /* once is enough; again changes nothing */
    assert_int_equal(epoch_shared(), 1);
    unsigned long long e0 = epoch_now();
    assert_true(e0 >= 1);
    epoch_bump();
    assert_true(epoch_now() == e0 + 1);
    /* Two children (a worker, the scheduler) count writes the parent and each other see. */
    for (int c = 0; c < 2; c++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            for (int i = 0; i < 1000; i++) epoch_bump();
            _exit(0);
        }
    }
    for (int c = 0; c < 2; c++) {
        int st = 0;
        assert_true(wait(&st) > 0);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    assert_true(epoch_now() == e0 + 1 + 2000);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_init),
        cmocka_unit_test(test_shared_with_children),
    };
    return cmocka_run_group_tests_name("epoch", tests, NULL, NULL);
}

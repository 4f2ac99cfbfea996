/* Unit tests for core/vnfold: Vietnamese search folding (NFC and NFD, đ, punctuation, UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/vnfold.h"

#define NVOWEL 12
#define NTONE  6

/* The twelve Vietnamese vowels with no tone and the five tones (huyền, sắc, hỏi, ngã, nặng),
 * precomposed (NFC), lower case then upper case. */
static const char *const NFC_VOWELS[2][NVOWEL][NTONE] = {
    {
        {"a", "à", "á", "ả", "ã", "ạ"},
        {"ă", "ằ", "ắ", "ẳ", "ẵ", "ặ"},
        {"â", "ầ", "ấ", "ẩ", "ẫ", "ậ"},
        {"e", "è", "é", "ẻ", "ẽ", "ẹ"},
        {"ê", "ề", "ế", "ể", "ễ", "ệ"},
        {"i", "ì", "í", "ỉ", "ĩ", "ị"},
        {"o", "ò", "ó", "ỏ", "õ", "ọ"},
        {"ô", "ồ", "ố", "ổ", "ỗ", "ộ"},
        {"ơ", "ờ", "ớ", "ở", "ỡ", "ợ"},
        {"u", "ù", "ú", "ủ", "ũ", "ụ"},
        {"ư", "ừ", "ứ", "ử", "ữ", "ự"},
        {"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"},
    },
    {
        {"A", "À", "Á", "Ả", "Ã", "Ạ"},
        {"Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ"},
        {"Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ"},
        {"E", "È", "É", "Ẻ", "Ẽ", "Ẹ"},
        {"Ê", "Ề", "Ế", "Ể", "Ễ", "Ệ"},
        {"I", "Ì", "Í", "Ỉ", "Ĩ", "Ị"},
        {"O", "Ò", "Ó", "Ỏ", "Õ", "Ọ"},
        {"Ô", "Ồ", "Ố", "Ổ", "Ỗ", "Ộ"},
        {"Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ"},
        {"U", "Ù", "Ú", "Ủ", "Ũ", "Ụ"},
        {"Ư", "Ừ", "Ứ", "Ử", "Ữ", "Ự"},
        {"Y", "Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"},
    },
};

/* Decomposed spelling of the same table: ASCII base + vowel mark + tone mark, as bytes. */
static const char NFD_BASE[] = "aaaeeiooouuy";
#define BREVE      "\xcc\x86" /* U+0306 */
#define CIRCUMFLEX "\xcc\x82" /* U+0302 */
#define HORN       "\xcc\x9b" /* U+031B */
#define GRAVE      "\xcc\x80" /* U+0300 huyền */
#define ACUTE      "\xcc\x81" /* U+0301 sắc */
#define HOOK       "\xcc\x89" /* U+0309 hỏi */
#define TILDE      "\xcc\x83" /* U+0303 ngã */
#define DOT_BELOW  "\xcc\xa3" /* U+0323 nặng */

/* in the order a ă â e ê i o ô ơ u ư y */
static const char *const NFD_VOWEL_MARK[NVOWEL] = {
    "", BREVE, CIRCUMFLEX, "", CIRCUMFLEX, "", "", CIRCUMFLEX, HORN, "", HORN, "",
};
static const char *const NFD_TONE_MARK[NTONE] = {"", GRAVE, ACUTE, HOOK, TILDE, DOT_BELOW};

/* Folds a NUL-terminated string into a static buffer (tests are single-threaded). */
static const char *fold(const char *s) {
    static char buf[4096];
    size_t n = vnfold(s, strlen(s), buf, sizeof buf);
    assert_true(n <= strlen(s));
    assert_int_equal(n, strlen(buf));
    return buf;
}

static void make_nfd(char *out, size_t cap, int upper, int v, int t) {
    char base[2] = {upper ? (char)(NFD_BASE[v] - 'a' + 'A') : NFD_BASE[v], '\0'};
    snprintf(out, cap, "%s%s%s", base, NFD_VOWEL_MARK[v], NFD_TONE_MARK[t]);
}

static void test_every_vowel_every_tone_nfc(void **state) {
    (void)state;
    for (int c = 0; c < 2; c++)
        for (int v = 0; v < NVOWEL; v++)
            for (int t = 0; t < NTONE; t++) {
                char want[2] = {NFD_BASE[v], '\0'};
                assert_string_equal(fold(NFC_VOWELS[c][v][t]), want);
            }
}

static void test_every_vowel_every_tone_nfd(void **state) {
    (void)state;
    char nfd[16], want[2] = {0};
    for (int c = 0; c < 2; c++)
        for (int v = 0; v < NVOWEL; v++)
            for (int t = 0; t < NTONE; t++) {
                make_nfd(nfd, sizeof nfd, c, v, t);
                want[0] = NFD_BASE[v];
                assert_string_equal(fold(nfd), want);
            }
}

static void test_nfc_equals_nfd_in_words(void **state) {
    (void)state;
    char nfc[64], nfd[64];
    for (int c = 0; c < 2; c++)
        for (int v = 0; v < NVOWEL; v++)
            for (int t = 0; t < NTONE; t++) {
                char mark[16];
                make_nfd(mark, sizeof mark, c, v, t);
                snprintf(nfc, sizeof nfc, "Nh%sng-%s", NFC_VOWELS[c][v][t], NFC_VOWELS[c][v][t]);
                snprintf(nfd, sizeof nfd, "Nh%sng-%s", mark, mark);
                char a[64];
                strcpy(a, fold(nfc));
                assert_string_equal(a, fold(nfd));
            }
}

/* Every code point of the Vietnamese block U+1EA0..U+1EF9, checked against its letter range. */
static void test_vietnamese_block_exhaustive(void **state) {
    (void)state;
    static const struct {
        unsigned lo, hi;
        const char *want;
    } ranges[] = {{0x1EA0, 0x1EB7, "a"}, {0x1EB8, 0x1EC7, "e"}, {0x1EC8, 0x1ECB, "i"},
                  {0x1ECC, 0x1EE3, "o"}, {0x1EE4, 0x1EF1, "u"}, {0x1EF2, 0x1EF9, "y"}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (unsigned cp = ranges[r].lo; cp <= ranges[r].hi; cp++) {
            char s[4] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)),
                         (char)(0x80 | (cp & 0x3F)), '\0'};
            assert_string_equal(fold(s), ranges[r].want);
        }
}

static void test_mark_order_and_partial_composition(void **state) {
    (void)state;
    assert_string_equal(fold("a\xcc\x81\xcc\x82"), "a");             /* tone before circumflex */
    assert_string_equal(fold("\xc3\xa2\xcc\x81"), "a");              /* â + acute */
    assert_string_equal(fold("\xc6\xb0\xcc\xa3"), "u");              /* ư + dot below */
    assert_string_equal(fold("\xe1\xbb\x8d\xcc\x82"), "o");          /* ọ + circumflex */
    assert_string_equal(fold("T\xcc\x81\xcc\x81\xcc\x81oa"), "toa"); /* marks on a consonant */
    assert_string_equal(fold("\xcc\x81"
                             "a"),
                        "a"); /* leading orphan mark */
}

static void test_d_stroke(void **state) {
    (void)state;
    assert_string_equal(fold("đ Đ"), "d d");
    assert_string_equal(fold("Đất Đai"), "dat dai");
    assert_string_equal(fold("\xc4\x90"
                             "a\xcc\x82\xcc\x81t \xc4\x90"
                             "ai"),
                        "dat dai");
    assert_string_equal(fold("ĐỊNH đoạt"), "dinh doat");
    /* legacy converters write Đ as the Icelandic eth (U+00D0/U+00F0) */
    assert_string_equal(fold("\xc3\x90\xe1\xba\xa5t \xc3\xb0"
                             "ai"),
                        "dat dai");
    assert_string_equal(fold("D\xcc\xb5"), "d"); /* D + combining stroke */
}

static void test_upper_case_words(void **state) {
    (void)state;
    assert_string_equal(fold("CHỨNG THỰC"), "chung thuc");
    assert_string_equal(fold("CHU\xcc\x9b\xcc\x81NG THU\xcc\x9b\xcc\xa3"
                             "C"),
                        "chung thuc");
    assert_string_equal(fold("ỦY BAN NHÂN DÂN TỈNH"), "uy ban nhan dan tinh");
    assert_string_equal(fold("HELLO World"), "hello world");
}

static void test_sentences_nfc_nfd(void **state) {
    (void)state;
    static const char *const pairs[][3] = {
        {"Thủ tục hành chính: cấp Giấy chứng nhận quyền sử dụng đất",
         "Thu\xcc\x89 tu\xcc\xa3"
         "c ha\xcc\x80nh chi\xcc\x81nh: ca\xcc\x82\xcc\x81p "
         "Gia\xcc\x82\xcc\x81y chu\xcc\x9b\xcc\x81ng nha\xcc\xa3\xcc\x82n "
         "quye\xcc\x82\xcc\x80n su\xcc\x9b\xcc\x89 du\xcc\xa3ng \xc4\x91"
         "a\xcc\x82\xcc\x81t",
         "thu tuc hanh chinh cap giay chung nhan quyen su dung dat"},
        {"Ủy ban nhân dân xã Nghĩa Hưng, tỉnh Nam Định",
         "U\xcc\x89y ban nha\xcc\x82n da\xcc\x82n xa\xcc\x83 Nghi\xcc\x83"
         "a Hu\xcc\x9bng, "
         "ti\xcc\x89nh Nam \xc4\x90i\xcc\xa3nh",
         "uy ban nhan dan xa nghia hung tinh nam dinh"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        assert_string_equal(fold(pairs[i][0]), pairs[i][2]);
        assert_string_equal(fold(pairs[i][1]), pairs[i][2]);
    }
}

static void test_punctuation(void **state) {
    (void)state;
    assert_string_equal(fold("Sở Tư pháp – (Quyết định số 1955/QĐ-UBND, ngày 21/02/2023)…"),
                        "so tu phap quyet dinh so 1955 qd ubnd ngay 21 02 2023");
    assert_string_equal(fold("“Một cửa”; «liên thông» • 50.000₫ × 2"),
                        "mot cua lien thong 50 000 2");
    assert_string_equal(fold("a_b+c=d@e#f$g%h^i&j*k|l~m`n'o\"p\\q?r!s<t>u{v}w[x]y"),
                        "a b c d e f g h i j k l m n o p q r s t u v w x y");
    assert_string_equal(fold("Sở TT&TT"), "so tt tt");
    assert_string_equal(fold("🙂 đất 🏠"), "dat");
}

static void test_whitespace_collapse_and_trim(void **state) {
    (void)state;
    assert_string_equal(fold("  \t Đất \n\n  đai\r\n "), "dat dai");
    assert_string_equal(fold("đất\xc2\xa0\xc2\xa0"
                             "đai"),
                        "dat dai"); /* NBSP */
    assert_string_equal(fold("đất\xe3\x80\x80"
                             "đai"),
                        "dat dai"); /* ideographic space */
    assert_string_equal(fold(" .,;:!?-- "), "");
    assert_string_equal(fold(""), "");
    assert_string_equal(fold("x"), "x");
}

static void test_invisible_characters_dropped(void **state) {
    (void)state;
    assert_string_equal(fold("\xef\xbb\xbf"
                             "Đất"),
                        "dat"); /* BOM */
    assert_string_equal(fold("ki\xc2\xad"
                             "ểm soát"),
                        "kiem soat");                        /* soft hyphen */
    assert_string_equal(fold("chu\xe2\x80\x8dng"), "chung"); /* ZWJ */
    assert_string_equal(fold("a\xe2\x80\x8b"
                             "b"),
                        "a b"); /* zero-width space splits */
    assert_string_equal(fold("to\xcb\x8a"
                             "an"),
                        "toan"); /* spacing acute U+02CA */
}

static void test_other_scripts_and_latin(void **state) {
    (void)state;
    assert_string_equal(fold("Café Ñandú Ørsted Łódź"), "cafe nandu orsted lodz");
    assert_string_equal(fold("Привет, мир"), "Привет мир");
    assert_string_equal(fold("日本語・中文"), "日本語 中文");
    assert_string_equal(fold("Straße"), "straße");
    assert_string_equal(fold("ＡＢＣ１２３！ｘ"), "abc123 x"); /* fullwidth forms */
}

static void test_invalid_utf8_skipped(void **state) {
    (void)state;
    assert_string_equal(fold("a\xff"
                             "b"),
                        "ab");
    assert_string_equal(fold("\x80\xbf"
                             "abc"),
                        "abc");                      /* lone continuation bytes */
    assert_string_equal(fold("abc\xe1\xba"), "abc"); /* truncated at the end */
    assert_string_equal(fold("\xc0\xaf"
                             "x"),
                        "x"); /* overlong '/' */
    assert_string_equal(fold("\xe0\x80\xaf"
                             "x"),
                        "x"); /* overlong 3-byte */
    assert_string_equal(fold("\xed\xa0\x80"
                             "x"),
                        "x"); /* UTF-16 surrogate */
    assert_string_equal(fold("\xf4\x90\x80\x80"
                             "x"),
                        "x");                       /* above U+10FFFF */
    assert_string_equal(fold("\xc3\xc3\xa1"), "a"); /* resync on next byte */
    assert_string_equal(fold("\xe1\xbb"
                             " \xe1\xbb\xa9ng"),
                        "ung"); /* broken then good ứ */
}

static void test_embedded_nul_is_separator(void **state) {
    (void)state;
    char out[16];
    size_t n = vnfold("ab\0cd", 5, out, sizeof out);
    assert_int_equal(n, 5);
    assert_string_equal(out, "ab cd");
}

static void test_null_and_zero_capacity(void **state) {
    (void)state;
    char out[4] = "zzz";
    assert_int_equal(vnfold("abc", 3, out, 0), 0);
    assert_string_equal(out, "zzz"); /* nothing written when there is no room at all */
    assert_int_equal(vnfold(NULL, 10, out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(vnfold("abc", 3, NULL, 10), 0);
    assert_int_equal(vnfold("abc", 3, out, 1), 0);
    assert_string_equal(out, "");
}

/* Every capacity gives a NUL-terminated prefix of the full result that never ends in a space. */
static void test_truncation_prefix(void **state) {
    (void)state;
    const char *in = "Đất đai, nhà ở — 日本 ưu tiên";
    char full[128], out[128];
    size_t fn = vnfold(in, strlen(in), full, sizeof full);
    assert_string_equal(full, "dat dai nha o 日本 uu tien");
    for (size_t cap = 1; cap <= fn + 1; cap++) {
        memset(out, 'X', sizeof out);
        size_t n = vnfold(in, strlen(in), out, cap);
        assert_true(n < cap);
        assert_int_equal(out[n], '\0');
        assert_memory_equal(out, full, n);
        if (n > 0) assert_true(out[n - 1] != ' ');
        assert_int_equal(out[cap], 'X'); /* nothing written past the capacity */
    }
}

static void test_truncation_keeps_characters_whole(void **state) {
    (void)state;
    char out[8];
    assert_int_equal(vnfold("日本", 6, out, 4), 3);
    assert_string_equal(out, "日");
    assert_int_equal(vnfold("日本", 6, out, 3), 0);
    assert_string_equal(out, "");
    assert_int_equal(vnfold("abc def", 7, out, 5), 3);
    assert_string_equal(out, "abc");
    assert_int_equal(vnfold("Đất", strlen("Đất"), out, 3), 2);
    assert_string_equal(out, "da");
}

static void test_idempotent_and_never_longer(void **state) {
    (void)state;
    static const char *const samples[] = {
        "Đất Đai",
        "  CHỨNG   THỰC ",
        "a\377\376b", /* invalid bytes, in octal so that b stays a letter */
        "Привет, мир!",
        "ＡＢＣ",
        "日本語・中文",
        "\xcc\x81\xcc\x82",
        "x\xe2\x80\x8b\xe2\x80\x8by",
        "50.000₫",
        "",
    };
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char once[256], twice[256];
        size_t n1 = vnfold(samples[i], strlen(samples[i]), once, sizeof once);
        size_t n2 = vnfold(once, n1, twice, sizeof twice);
        assert_true(n1 <= strlen(samples[i]));
        assert_int_equal(n1, n2);
        assert_string_equal(once, twice);
    }
}

static void test_dup(void **state) {
    (void)state;
    char *s = vnfold_dup("Đất Đai");
    assert_non_null(s);
    assert_string_equal(s, "dat dai");
    free(s);
    s = vnfold_dup(NULL);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
    s = vnfold_dup("!!!");
    assert_string_equal(s, "");
    free(s);
}

static void test_tokens(void **state) {
    (void)state;
    const char *tok[8];
    size_t len[8];
    const char *f = "dat dai  ho so ";
    assert_int_equal(vnfold_tokens(f, tok, len, 8), 4);
    assert_int_equal(len[0], 3);
    assert_memory_equal(tok[0], "dat", 3);
    assert_memory_equal(tok[1], "dai", len[1]);
    assert_memory_equal(tok[2], "ho", len[2]);
    assert_memory_equal(tok[3], "so", len[3]);
    assert_int_equal(vnfold_tokens(f, tok, len, 2), 2);
    assert_memory_equal(tok[1], "dai", len[1]);
    assert_int_equal(vnfold_tokens(f, tok, len, 0), 0);
    assert_int_equal(vnfold_tokens("", tok, len, 8), 0);
    assert_int_equal(vnfold_tokens("   ", tok, len, 8), 0);
    assert_int_equal(vnfold_tokens(NULL, tok, len, 8), 0);
    assert_int_equal(vnfold_tokens("x", NULL, len, 8), 0);
}

static void test_tokens_of_folded_text(void **state) {
    (void)state;
    const char *tok[8];
    size_t len[8];
    char *f = vnfold_dup("Cấp, đổi Giấy phép lái xe");
    assert_non_null(f);
    assert_int_equal(vnfold_tokens(f, tok, len, 8), 6);
    assert_memory_equal(tok[0], "cap", len[0]);
    assert_memory_equal(tok[5], "xe", len[5]);
    free(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_vowel_every_tone_nfc),
        cmocka_unit_test(test_every_vowel_every_tone_nfd),
        cmocka_unit_test(test_nfc_equals_nfd_in_words),
        cmocka_unit_test(test_vietnamese_block_exhaustive),
        cmocka_unit_test(test_mark_order_and_partial_composition),
        cmocka_unit_test(test_d_stroke),
        cmocka_unit_test(test_upper_case_words),
        cmocka_unit_test(test_sentences_nfc_nfd),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_whitespace_collapse_and_trim),
        cmocka_unit_test(test_invisible_characters_dropped),
        cmocka_unit_test(test_other_scripts_and_latin),
        cmocka_unit_test(test_invalid_utf8_skipped),
        cmocka_unit_test(test_embedded_nul_is_separator),
        cmocka_unit_test(test_null_and_zero_capacity),
        cmocka_unit_test(test_truncation_prefix),
        cmocka_unit_test(test_truncation_keeps_characters_whole),
        cmocka_unit_test(test_idempotent_and_never_longer),
        cmocka_unit_test(test_dup),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_tokens_of_folded_text),
    };
    return cmocka_run_group_tests_name("vnfold", tests, NULL, NULL);
}

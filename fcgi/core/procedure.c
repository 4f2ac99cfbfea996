/* procedure: pure rules of the procedure catalogue — codes, levels, online levels, time limits,
 * fees, the seven published components, import columns and the words a procedure is found by. */
#include "core/procedure.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/vnfold.h"
#include "lib/buf.h"
#include "lib/hash.h"

const char *const proc_level_names[3] = {"province", "district", "commune"};

const char *const proc_component_keys[PROC_COMPONENTS] = {
    "name", "steps", "way", "dossier", "time_limit_text", "subjects", "agency"};
const char *const proc_component_labels[PROC_COMPONENTS] = {
    "Tên thủ tục",         "Trình tự thực hiện",  "Cách thức thực hiện", "Thành phần hồ sơ",
    "Thời hạn giải quyết", "Đối tượng thực hiện", "Cơ quan thực hiện"};

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* Folds s into a malloc'd " word word " (spaces at both ends) so words can be found with
 * strstr(" word "). NULL on OOM. */
static char *fold_padded(const char *s) {
    size_t n = s ? strlen(s) : 0;
    char *out = malloc(n + 3);
    if (!out) return NULL;
    out[0] = ' ';
    size_t k = vnfold(s ? s : "", n, out + 1, n + 1);
    out[k + 1] = ' ';
    out[k + 2] = '\0';
    return out;
}

static int has_word(const char *padded, const char *words) {
    char pat[64];
    snprintf(pat, sizeof pat, " %s ", words);
    return strstr(padded, pat) != NULL;
}

int proc_code_valid(const char *code) {
    if (!code) return 0;
    size_t i = 0;
    while (i < 3 && is_digit(code[i])) i++;
    if (i < 1 || i > 2 || code[i] != '.') return 0;
    const char *d = code + i + 1;
    for (int k = 0; k < 6; k++)
        if (!is_digit(d[k])) return 0;
    return d[6] == '\0';
}

int proc_code_normalize(const char *in, int numeric, char *out, size_t outcap) {
    if (!in || outcap < 16) return -1;
    while (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n') in++;
    size_t n = strlen(in);
    while (n && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\r' || in[n - 1] == '\n'))
        n--;
    if (n == 0 || n >= 64) return -1;
    char tmp[64];
    memcpy(tmp, in, n);
    tmp[n] = '\0';
    if (numeric) {
        /* A number cell: Excel keeps a float ("1.0012340000000001", "1.00012"). */
        char *end;
        double v = strtod(tmp, &end);
        if (*end || !(v > 0 && v < 100)) return -1;
        snprintf(out, outcap, "%.6f", v);
        return proc_code_valid(out) ? 0 : -1;
    }
    size_t i = 0;
    while (is_digit(tmp[i])) i++;
    if (i < 1 || i > 2 || tmp[i] != '.') return -1;
    size_t k = i + 1;
    while (is_digit(tmp[k])) k++;
    if (k - i - 1 != 6) return -1;
    /* Either the end, or the DVC suffix ".000.00.00.H42" that starts with a dot. */
    if (tmp[k] != '\0' && tmp[k] != '.') return -1;
    tmp[k] = '\0';
    snprintf(out, outcap, "%s", tmp);
    return 0;
}

/* 1 when the padded folded text f has word, not as the second word of "prev word" (so "xa" in
 * "thi xa", a district-level town, is not a commune, nor "tinh" in "thuoc tinh"). */
static int has_word_unless_after(const char *f, const char *word, const char *prev) {
    char pat[32];
    int n = snprintf(pat, sizeof pat, " %s ", word);
    size_t pl = strlen(prev);
    for (const char *p = f; (p = strstr(p, pat)); p += n - 1)
        if ((size_t)(p - f) < pl + 1 || memcmp(p - pl, prev, pl) != 0 || p[-(long)pl - 1] != ' ')
            return 1;
    return 0;
}

int proc_levels_parse(const char *in, unsigned *mask) {
    *mask = 0;
    char *f = fold_padded(in);
    if (!f) return -1;
    int central = has_word(f, "bo") || strstr(f, " trung uong ") != NULL;
    if (has_word_unless_after(f, "tinh", "thuoc")) *mask |= PROC_LEVEL_PROVINCE;
    if (has_word(f, "huyen") || has_word(f, "quan") || strstr(f, " thi xa ") ||
        strstr(f, " thanh pho thuoc tinh "))
        *mask |= PROC_LEVEL_DISTRICT;
    if (has_word_unless_after(f, "xa", "thi") || has_word(f, "phuong") || strstr(f, " thi tran "))
        *mask |= PROC_LEVEL_COMMUNE;
    free(f);
    if (central) return -2;
    return *mask ? 0 : -1;
}

const char *proc_online_parse(const char *in) {
    char *f = fold_padded(in);
    if (!f) return NULL;
    const char *r = NULL;
    if (strstr(f, " toan trinh ") || strstr(f, " muc do 4 ") || strcmp(f, " 4 ") == 0)
        r = "full";
    else if (strstr(f, " mot phan ") || strstr(f, " muc do 3 ") || strcmp(f, " 3 ") == 0)
        r = "partial";
    else if (strcmp(f, "  ") == 0 || strcmp(f, " khong ") == 0 || strstr(f, " muc do 2 ") ||
             strstr(f, " muc do 1 ") || strcmp(f, " 2 ") == 0 || strcmp(f, " 1 ") == 0 ||
             strcmp(f, " 0 ") == 0 || strstr(f, " thong tin ") || strstr(f, " truc tiep ") ||
             strstr(f, " khong co ") || strstr(f, " chua ") || strcmp(f, " none ") == 0)
        r = "none";
    else if (strcmp(f, " full ") == 0)
        r = "full";
    else if (strcmp(f, " partial ") == 0)
        r = "partial";
    free(f);
    return r;
}

/* Reads a number at p ("15", "0,5", "1.5"); returns the characters used, 0 when none. */
static size_t read_number(const char *p, double *v) {
    size_t i = 0;
    double x = 0;
    while (i < 9 && is_digit(p[i])) x = x * 10 + (p[i++] - '0');
    if (i == 0) return 0;
    if ((p[i] == ',' || p[i] == '.') && is_digit(p[i + 1]) && !is_digit(p[i + 2])) {
        x += (p[i + 1] - '0') / 10.0;
        i += 2;
    }
    *v = x;
    return i;
}

/* Folds in[0..n) into f (capacity n + 3) as " words " (spaces at both ends). */
static void fold_span(const char *in, size_t n, char *f) {
    size_t k = vnfold(in, n, f + 1, n + 1);
    f[0] = ' ';
    f[k + 1] = ' ';
    f[k + 2] = '\0';
}

/* The last word of the padded folded text f, e.g. "sau" in " ... nhan ho so sau ". */
static int ends_with_word(const char *f, const char *word) {
    size_t n = strlen(f), w = strlen(word);
    return n >= w + 2 && f[n - 1] == ' ' && memcmp(f + n - 1 - w, word, w) == 0 &&
           f[n - 2 - w] == ' ';
}

int proc_time_limit_parse(const char *in, double *value, const char **unit) {
    if (!in) return -1;
    size_t n = strlen(in);
    char *f = malloc(n + 3);
    if (!f) return -1;
    int rc = -1;
    for (const char *p = in; *p && rc < 0; p++) {
        double v;
        size_t used;
        if (!is_digit(*p) || (p > in && is_digit(p[-1])) || !(used = read_number(p, &v))) continue;
        /* What comes before: "Trong ngày ...; sau 15 giờ" is the same day, and "sau/trước/lúc
         * 15 giờ" is a time of day, not a limit. */
        fold_span(in, (size_t)(p - in), f);
        if (strstr(f, " trong ngay ")) break;
        int clock = ends_with_word(f, "sau") || ends_with_word(f, "truoc") ||
                    ends_with_word(f, "luc") || ends_with_word(f, "den") || ends_with_word(f, "tu");
        /* Skip "(năm)" after "05": the number spelled out. */
        const char *q = p + used;
        while (*q == ' ') q++;
        if (*q == '(') {
            const char *close = strchr(q, ')');
            if (close && close - q < 40) q = close + 1;
        }
        fold_span(q, strlen(q), f);
        const char *u = NULL;
        if (strncmp(f, " ngay lam viec ", 15) == 0)
            u = "working_days";
        else if (strncmp(f, " ngay ", 6) == 0)
            u = "days";
        else if (strncmp(f, " gio ", 5) == 0 && !clock)
            u = "hours";
        if (u && v > 0 && v < 100000) {
            *value = v;
            *unit = u;
            rc = 0;
        }
        p += used - 1;
    }
    if (rc < 0) {
        /* "Trong ngày", "Ngay trong ngày (làm việc)": the same working day. */
        fold_span(in, n, f);
        if (strstr(f, " trong ngay ")) {
            *value = 1;
            *unit = "working_days";
            rc = 0;
        }
    }
    free(f);
    return rc;
}

int proc_fee_parse(const char *in, long long *amount) {
    if (!in) return -1;
    size_t n = strlen(in);
    char *f = malloc(n + 3);
    if (!f) return -1;
    for (const char *p = in; *p; p++) {
        if (!is_digit(*p) || (p > in && (is_digit(p[-1]) || p[-1] == '/' || p[-1] == '.')))
            continue;
        /* Digits with '.', ',' or ' ' grouping by threes: "1.000.000", "50,000", "200 000". */
        long long v = 0;
        size_t i = 0;
        int digits = 0;
        while (p[i]) {
            if (is_digit(p[i])) {
                if (v > 1000000000000LL) break;
                v = v * 10 + (p[i] - '0');
                digits++;
                i++;
            } else if ((p[i] == '.' || p[i] == ',' || p[i] == ' ') && digits > 0 &&
                       is_digit(p[i + 1]) && is_digit(p[i + 2]) && is_digit(p[i + 3]) &&
                       !is_digit(p[i + 4])) {
                i++;
            } else {
                break;
            }
        }
        const char *q = p + i;
        size_t k = vnfold(q, strlen(q), f + 1, n + 1);
        f[0] = ' ';
        f[k + 1] = ' ';
        f[k + 2] = '\0';
        long long mult = 0;
        if (strncmp(f, " dong ", 6) == 0 || strncmp(f, " d ", 3) == 0 ||
            strncmp(f, " vnd ", 5) == 0)
            mult = 1;
        else if (strncmp(f, " nghin dong ", 12) == 0 || strncmp(f, " ngan dong ", 11) == 0 ||
                 strncmp(f, " nghin ", 7) == 0)
            mult = 1000;
        else if (strncmp(f, " trieu dong ", 12) == 0 || strncmp(f, " trieu ", 7) == 0)
            mult = 1000000;
        /* "₫" folds to a separator, so "50.000₫" reads as the number then the end. */
        else if (q[0] == '\xe2' && q[1] == '\x82' && q[2] == '\xab')
            mult = 1;
        if (mult) {
            *amount = v * mult;
            free(f);
            return 0;
        }
        p += i ? i - 1 : 0;
    }
    size_t k = vnfold(in, n, f + 1, n + 1);
    f[0] = ' ';
    f[k + 1] = ' ';
    f[k + 2] = '\0';
    int free_of_charge = strcmp(f, "  ") == 0 || strncmp(f, " khong ", 7) == 0 ||
                         strstr(f, " mien phi ") || strstr(f, " khong thu ") ||
                         strstr(f, " khong co ") || strstr(f, " mien le phi ") ||
                         strcmp(f, " 0 ") == 0;
    free(f);
    if (free_of_charge) {
        *amount = 0;
        return 0;
    }
    return -1;
}

int proc_bool_parse(const char *in) {
    char *f = fold_padded(in);
    if (!f) return -1;
    int r = -1;
    if (strcmp(f, " x ") == 0 || strcmp(f, " co ") == 0 || strcmp(f, " 1 ") == 0 ||
        strcmp(f, " true ") == 0 || strcmp(f, " yes ") == 0 || strcmp(f, " dung ") == 0)
        r = 1;
    else if (strcmp(f, "  ") == 0 || strcmp(f, " khong ") == 0 || strcmp(f, " 0 ") == 0 ||
             strcmp(f, " false ") == 0 || strcmp(f, " no ") == 0 || strcmp(f, " sai ") == 0)
        r = 0;
    free(f);
    return r;
}

/* A real calendar date (core/period) in the years a catalogue can mean. */
static int real_date(int y, int m, int d) {
    return y >= 1900 && y <= 2200 && ymd_valid((struct ymd){y, m, d});
}

int proc_date_parse(const char *in, int numeric, char *out, size_t outcap) {
    if (!in || outcap < 11) return -1;
    while (*in == ' ') in++;
    int y, m, d;
    if (numeric) {
        /* Excel's 1900 date system: serial 1 = 1900-01-01, with its phantom 29/02/1900, so
         * serials from 61 on count from 1899-12-30. */
        char *end;
        double v = strtod(in, &end);
        if (end == in || !(v >= 61 && v <= 120000)) return -1; /* NaN too */
        long days = (long)v;                                   /* days since 1899-12-30 */
        /* civil-from-days (Howard Hinnant), epoch 1970-01-01 = serial 25569 */
        long z = days - 25569 + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        d = (int)(doy - (153 * mp + 2) / 5 + 1);
        m = (int)(mp < 10 ? mp + 3 : mp - 9);
        y = (int)(yoe + era * 400 + (m <= 2));
    } else {
        /* One strict parser for dates (core/period): no signs, spaces or trailing text. */
        struct ymd t;
        if (ymd_parse(in, &t) < 0 && ymd_parse_dmy(in, &t) < 0) return -1;
        y = t.y, m = t.m, d = t.d;
    }
    if (!real_date(y, m, d)) return -1;
    snprintf(out, outcap, "%04d-%02d-%02d", y, m, d);
    return 0;
}

unsigned proc_missing_components(const char *const values[PROC_COMPONENTS]) {
    unsigned missing = 0;
    for (int i = 0; i < PROC_COMPONENTS; i++) {
        const char *v = values[i];
        int blank = 1;
        for (; v && *v && blank; v++)
            if (*v != ' ' && *v != '\t' && *v != '\r' && *v != '\n') blank = 0;
        if (blank) missing |= 1u << i;
    }
    return missing;
}

static const char *const col_labels[PC_NCOLS] = {
    [PC_CODE] = "Mã thủ tục",
    [PC_NAME] = "Tên thủ tục",
    [PC_FIELD] = "Lĩnh vực",
    [PC_LEVELS] = "Cấp thực hiện",
    [PC_AGENCY] = "Cơ quan thực hiện",
    [PC_TIME_LIMIT] = "Thời hạn giải quyết",
    [PC_FEE] = "Phí, lệ phí",
    [PC_ONLINE] = "Mức độ DVC",
    [PC_STEPS] = "Trình tự thực hiện",
    [PC_WAY] = "Cách thức thực hiện",
    [PC_DOSSIER] = "Thành phần hồ sơ",
    [PC_SUBJECTS] = "Đối tượng thực hiện",
    [PC_REQUIREMENTS] = "Yêu cầu, điều kiện",
    [PC_RESULT] = "Kết quả thực hiện",
    [PC_LEGAL_BASIS] = "Căn cứ pháp lý",
    [PC_DECISION_NO] = "Số quyết định công bố",
    [PC_DECISION_DATE] = "Ngày quyết định công bố",
    [PC_POSTAL] = "Bưu chính công ích",
};

static const char *const col_keys[PC_NCOLS] = {
    [PC_CODE] = "code",
    [PC_NAME] = "name",
    [PC_FIELD] = "field",
    [PC_LEVELS] = "levels",
    [PC_AGENCY] = "agency",
    [PC_TIME_LIMIT] = "time_limit_text",
    [PC_FEE] = "fee_text",
    [PC_ONLINE] = "online_level",
    [PC_STEPS] = "steps",
    [PC_WAY] = "way",
    [PC_DOSSIER] = "dossier",
    [PC_SUBJECTS] = "subjects",
    [PC_REQUIREMENTS] = "requirements",
    [PC_RESULT] = "result",
    [PC_LEGAL_BASIS] = "legal_basis",
    [PC_DECISION_NO] = "decision_no",
    [PC_DECISION_DATE] = "decision_date",
    [PC_POSTAL] = "postal",
};

const char *proc_col_label(enum proc_col c) {
    return (unsigned)c < PC_NCOLS ? col_labels[c] : "";
}

const char *proc_col_key(enum proc_col c) {
    return (unsigned)c < PC_NCOLS ? col_keys[c] : "";
}

int proc_header_column(const char *header) {
    char *f = fold_padded(header);
    if (!f) return -1;
    int c = -1;
    /* Most specific first: "Tên lĩnh vực" is the field, "Mã thủ tục" the code. */
    if (strstr(f, " linh vuc "))
        c = PC_FIELD;
    else if (strstr(f, " cap thuc hien ") || strcmp(f, " cap ") == 0 ||
             strstr(f, " cap giai quyet "))
        c = PC_LEVELS;
    else if (strstr(f, " co quan "))
        c = PC_AGENCY;
    else if (strstr(f, " thoi han "))
        c = PC_TIME_LIMIT;
    else if (strstr(f, " muc do ") || strstr(f, " dich vu cong ") || has_word(f, "dvc") ||
             has_word(f, "dvctt") || strstr(f, " truc tuyen "))
        c = PC_ONLINE;
    else if (strstr(f, " trinh tu "))
        c = PC_STEPS;
    else if (strstr(f, " cach thuc "))
        c = PC_WAY;
    else if (strstr(f, " thanh phan ") || strstr(f, " ho so "))
        c = PC_DOSSIER;
    else if (strstr(f, " doi tuong "))
        c = PC_SUBJECTS;
    else if (strstr(f, " yeu cau ") || strstr(f, " dieu kien "))
        c = PC_REQUIREMENTS;
    else if (strstr(f, " ket qua "))
        c = PC_RESULT;
    else if (strstr(f, " can cu "))
        c = PC_LEGAL_BASIS;
    else if (strstr(f, " buu chinh ") || has_word(f, "bcci"))
        c = PC_POSTAL;
    else if (has_word(f, "phi") || strstr(f, " le phi "))
        c = PC_FEE;
    else if (strstr(f, " ngay ban hanh ") || strstr(f, " ngay cong bo ") ||
             (strstr(f, " quyet dinh ") && has_word(f, "ngay")))
        c = PC_DECISION_DATE;
    else if (strstr(f, " quyet dinh "))
        c = PC_DECISION_NO;
    else if (strncmp(f, " ma ", 4) == 0)
        c = PC_CODE;
    else if (strncmp(f, " ten ", 5) == 0)
        c = PC_NAME;
    free(f);
    return c;
}

int proc_header_map(const char *const *cells, size_t n, int map[PC_NCOLS]) {
    int found = 0;
    for (int c = 0; c < PC_NCOLS; c++) map[c] = -1;
    for (size_t i = 0; i < n; i++) {
        int c = proc_header_column(cells[i]);
        if (c >= 0 && map[c] < 0) {
            map[c] = (int)i;
            found++;
        }
    }
    return found;
}

/* A small open-addressing set of words (pointer + length into the folded texts). */
struct wset {
    const char **w;
    size_t *len;
    size_t cap, n;
};

static int wset_grow(struct wset *s) {
    size_t cap = s->cap ? s->cap * 2 : 256;
    const char **w = calloc(cap, sizeof *w);
    size_t *len = calloc(cap, sizeof *len);
    if (!w || !len) {
        free(w);
        free(len);
        return -1;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->w[i]) continue;
        size_t j = hash_fnv1a(s->w[i], s->len[i]) & (cap - 1);
        while (w[j]) j = (j + 1) & (cap - 1);
        w[j] = s->w[i];
        len[j] = s->len[i];
    }
    free(s->w);
    free(s->len);
    s->w = w;
    s->len = len;
    s->cap = cap;
    return 0;
}

/* 1 when added, 0 when already there, -1 on OOM. */
static int wset_add(struct wset *s, const char *w, size_t n) {
    if ((s->n + 1) * 2 > s->cap && wset_grow(s) < 0) return -1;
    size_t j = hash_fnv1a(w, n) & (s->cap - 1);
    while (s->w[j]) {
        if (s->len[j] == n && memcmp(s->w[j], w, n) == 0) return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->w[j] = w;
    s->len[j] = n;
    s->n++;
    return 1;
}

char *proc_search_words(const char *const *texts, size_t n) {
    char **folded = calloc(n ? n : 1, sizeof *folded);
    struct wset set = {0};
    struct buf out;
    buf_init(&out);
    int oom = !folded;
    for (size_t i = 0; i < n && !oom; i++) {
        if (!texts[i]) continue;
        if (!(folded[i] = vnfold_dup(texts[i]))) {
            oom = 1;
            break;
        }
        /* Walk the words of the folded text (single spaces between them). */
        const char *p = folded[i];
        while (*p && !oom) {
            const char *e = strchr(p, ' ');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len > 0 && len <= 40) {
                int added = wset_add(&set, p, len);
                if (added < 0)
                    oom = 1;
                else if (added) {
                    if (out.len) buf_append(&out, " ", 1);
                    buf_append(&out, p, len);
                }
            }
            p += len;
            while (*p == ' ') p++;
        }
    }
    char *result = NULL;
    if (!oom && !out.oom) result = strdup(buf_cstr(&out));
    for (size_t i = 0; i < n && folded; i++) free(folded[i]);
    free(folded);
    free(set.w);
    free(set.len);
    buf_free(&out);
    return result;
}

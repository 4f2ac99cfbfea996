/* procedure_row: an import row's cells into the keys of a procedure record, with the report's
 * messages; pure (core/procedure does the parsing of each kind of text). */
#include "core/procedure_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/mem.h"

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *proc_row_text(const struct sheet_row *row, size_t i, int *numeric) {
    const char *s = sheet_cell(row, i);
    *numeric = row->numeric && i < row->ncells && row->numeric[i];
    while (is_space(*s)) s++;
    size_t n = strlen(s);
    while (n && is_space(s[n - 1])) n--;
    return mem_strndup(s, n);
}

const char *proc_row_label(const char *key) {
    /* Keys the row sets that are not a column's own: reported under the column they came from. */
    static const struct {
        const char *key, *label;
    } extra[] = {{"field_id", "Lĩnh vực"},
                 {"agency_unit_id", "Cơ quan thực hiện"},
                 {"time_limit_value", "Thời hạn giải quyết"},
                 {"time_limit_unit", "Thời hạn giải quyết"},
                 {"fee_amount", "Phí, lệ phí"},
                 {"internal_process_decision_no", "Quy trình nội bộ"},
                 {"row", "Dòng"}};
    for (int c = 0; c < PC_NCOLS; c++)
        if (strcmp(proc_col_key((enum proc_col)c), key) == 0)
            return proc_col_label((enum proc_col)c);
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (strcmp(extra[i].key, key) == 0) return extra[i].label;
    return key;
}

void proc_row_error(json_t *errors, const char *field, const char *message) {
    json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", field, "column",
                                            proc_row_label(field), "message", message));
}

static void cell_code(struct proc_row *row, const char *v, int numeric) {
    char msg[200];
    if (!*v) {
        proc_row_error(row->errors, "code", "Thiếu mã thủ tục.");
    } else if (proc_code_normalize(v, numeric, row->code, sizeof row->code) < 0) {
        snprintf(msg, sizeof msg, "Mã \"%.60s\" không đúng dạng 1.001234.", v);
        proc_row_error(row->errors, "code", msg);
        row->code[0] = '\0';
    } else {
        json_object_set_new(row->in, "code", json_string(row->code));
    }
}

static void cell_levels(struct proc_row *row, const char *v, int numeric) {
    (void)numeric;
    char msg[400];
    unsigned mask;
    int rc = proc_levels_parse(v, &mask);
    if (rc == -2) {
        snprintf(msg, sizeof msg,
                 "\"%.80s\" là cấp trung ương: danh mục của tỉnh chỉ gồm cấp tỉnh, huyện, xã.", v);
        proc_row_error(row->errors, "levels", msg);
    } else if (rc < 0) {
        snprintf(msg, sizeof msg, "Không rõ cấp \"%.80s\": ghi Cấp tỉnh, Cấp huyện và/hoặc Cấp xã.",
                 v);
        proc_row_error(row->errors, "levels", msg);
    } else {
        json_t *a = json_array();
        for (int k = 0; k < 3; k++)
            if (mask & (1u << k)) json_array_append_new(a, json_string(proc_level_names[k]));
        json_object_set_new(row->in, "levels", a);
    }
}

/* The text is kept as written; the number and unit are null when the text has none. */
static void cell_time_limit(struct proc_row *row, const char *v, int numeric) {
    (void)numeric;
    double value;
    const char *unit;
    json_object_set_new(row->in, "time_limit_text", json_string(v));
    if (proc_time_limit_parse(v, &value, &unit) == 0) {
        json_object_set_new(row->in, "time_limit_value", json_real(value));
        json_object_set_new(row->in, "time_limit_unit", json_string(unit));
        return;
    }
    json_object_set_new(row->in, "time_limit_value", json_null());
    json_object_set_new(row->in, "time_limit_unit", json_null());
    json_array_append_new(row->warnings, json_string("Không đọc được số ngày/giờ của thời hạn "
                                                     "giải quyết: đã lưu nguyên văn."));
}

static void cell_fee(struct proc_row *row, const char *v, int numeric) {
    (void)numeric;
    long long amount;
    json_object_set_new(row->in, "fee_text", json_string(v));
    json_object_set_new(row->in, "fee_amount",
                        proc_fee_parse(v, &amount) == 0 ? json_integer(amount) : json_null());
}

static void cell_online(struct proc_row *row, const char *v, int numeric) {
    (void)numeric;
    char msg[200];
    const char *level = proc_online_parse(v);
    if (level) {
        json_object_set_new(row->in, "online_level", json_string(level));
        return;
    }
    snprintf(msg, sizeof msg, "Không rõ mức độ \"%.60s\": ghi Toàn trình, Một phần hoặc Không.", v);
    proc_row_error(row->errors, "online_level", msg);
}

static void cell_date(struct proc_row *row, const char *v, int numeric) {
    char msg[200], date[16];
    if (proc_date_parse(v, numeric, date, sizeof date) == 0) {
        json_object_set_new(row->in, "decision_date", json_string(date));
        return;
    }
    snprintf(msg, sizeof msg, "Ngày \"%.40s\" không hợp lệ (dd/mm/yyyy).", v);
    proc_row_error(row->errors, "decision_date", msg);
}

static void cell_postal(struct proc_row *row, const char *v, int numeric) {
    (void)numeric;
    int b = proc_bool_parse(v);
    if (b < 0)
        proc_row_error(row->errors, "postal", "Ghi \"Có\" hoặc \"Không\".");
    else
        json_object_set_new(row->in, "postal", json_boolean(b));
}

/* The columns read by a rule of their own; the others are text as written. numeric matters
 * to codes and dates only. */
typedef void (*cell_fn)(struct proc_row *row, const char *v, int numeric);
static const cell_fn cell_readers[PC_NCOLS] = {
    [PC_CODE] = cell_code,     [PC_LEVELS] = cell_levels, [PC_TIME_LIMIT] = cell_time_limit,
    [PC_FEE] = cell_fee,       [PC_ONLINE] = cell_online, [PC_DECISION_DATE] = cell_date,
    [PC_POSTAL] = cell_postal,
};

void proc_row_cell(struct proc_row *row, enum proc_col col, const char *v, int numeric) {
    if (col == PC_FIELD || (unsigned)col >= PC_NCOLS) return; /* the field: a database row */
    if (cell_readers[col])
        cell_readers[col](row, v, numeric);
    else /* the agency's text (its unit is the caller's), the name, the components */
        json_object_set_new(row->in, proc_col_key(col), json_string(v));
}

int proc_seen_init(struct proc_seen *s, size_t rows) {
    memset(s, 0, sizeof *s);
    /* A power of two at least twice the rows, so that probes stay short. */
    s->cap = 1;
    while (s->cap < (rows + 1) * 2) s->cap *= 2;
    s->code = calloc(s->cap, sizeof *s->code);
    s->row = calloc(s->cap, sizeof *s->row);
    return s->code && s->row ? 0 : -1;
}

void proc_seen_free(struct proc_seen *s) {
    for (size_t i = 0; i < s->cap && s->code; i++) free(s->code[i]);
    free(s->code);
    free(s->row);
    memset(s, 0, sizeof *s);
}

/* The row that already had code, or 0 after recording it for row. -1 on OOM or a full table. */
static long seen_before(struct proc_seen *s, const char *code, long row) {
    size_t j = hash_fnv1a_str(code) & (s->cap - 1);
    while (s->code[j]) {
        if (strcmp(s->code[j], code) == 0) return s->row[j];
        j = (j + 1) & (s->cap - 1);
    }
    /* one slot always stays empty, or the probe above would never end */
    if (s->n + 1 >= s->cap) return -1;
    if (!(s->code[j] = mem_strndup(code, strlen(code)))) return -1;
    s->row[j] = row;
    s->n++;
    return 0;
}

int proc_row_first_of_code(struct proc_seen *s, struct proc_row *row, long num) {
    if (!row->code[0]) return 0;
    long first = seen_before(s, row->code, num);
    if (first < 0) return -1;
    if (first > 0) {
        char msg[120];
        snprintf(msg, sizeof msg, "Mã thủ tục trùng với dòng %ld: dòng này được bỏ qua.", first);
        proc_row_error(row->errors, "code", msg);
    }
    return 0;
}

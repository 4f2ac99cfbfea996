/* procedure: pure rules of the procedure catalogue — codes, levels, online levels, time limits,
 * fees, the seven published components, import columns and the words a procedure is found by. */
#ifndef KSTT_CORE_PROCEDURE_H
#define KSTT_CORE_PROCEDURE_H

#include <stddef.h>

#define PROC_CODE_MAX 32

enum { PROC_LEVEL_PROVINCE = 1u, PROC_LEVEL_DISTRICT = 2u, PROC_LEVEL_COMMUNE = 4u };

/*
 * A national code is one or two digits, a dot and six digits ("1.001193", "2.000815"). The DVC
 * suffix of a locally implemented procedure is dropped ("1.004227.000.00.00.H42" -> "1.004227").
 * numeric: the cell was stored as a number, which loses trailing zeros ("1.00012" -> "1.000120").
 * Writes the code into out (outcap >= 16). Returns 0, or -1 when in is not a code.
 */
int proc_code_normalize(const char *in, int numeric, char *out, size_t outcap);
/* 1 when code is exactly a normalized national code. */
int proc_code_valid(const char *code);

/* "Cấp Tỉnh, Cấp Huyện", "Tỉnh; Huyện; Xã", "UBND cấp xã", "Quận/Huyện" -> mask of PROC_LEVEL_*.
 * Returns 0, -1 when no local level is named, -2 when a central level (Bộ, Trung ương) is. */
int proc_levels_parse(const char *in, unsigned *mask);
/* Names of the levels, in order: "province", "district", "commune". */
extern const char *const proc_level_names[3];

/* "Toàn trình" / "Mức độ 4" -> "full"; "Một phần" / "Mức độ 3" -> "partial"; "", "Không",
 * "Mức độ 1/2", "Cung cấp thông tin" -> "none"; NULL when it names no level. */
const char *proc_online_parse(const char *in);

/*
 * The legal time limit of prose such as "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
 * "Trong thời hạn 15 ngày", "Không quá 02 giờ", "Trong ngày" (1 working day): the first number
 * followed by a unit. *unit is "working_days", "days" or "hours". 0 when found, -1 when not
 * (months, "Ngay sau khi ...", prose without a number: the text is kept, the number left empty).
 */
int proc_time_limit_parse(const char *in, double *value, const char **unit);

/* The fee in VND of prose such as "50.000 đồng/hồ sơ", "Lệ phí: 2.000 đồng/trang", "100 nghìn
 * đồng", "Không", "Miễn phí": the first amount followed by a currency word; 0 for free.
 * Returns 0 when found, -1 when the text states no single amount ("Theo quy định ..."). */
int proc_fee_parse(const char *in, long long *amount);

/* "x", "Có", "1", "TRUE", "Yes" -> 1; "", "Không", "0", "FALSE", "No" -> 0; -1 otherwise. */
int proc_bool_parse(const char *in);

/* "dd/mm/yyyy", "yyyy-mm-dd" or an Excel serial day number (numeric cell) -> "yyyy-mm-dd" in
 * out (outcap >= 11). Returns 0, or -1 when it is not a real date. */
int proc_date_parse(const char *in, int numeric, char *out, size_t outcap);

/* The seven components a procedure must publish (name, steps, way, dossier, time limit,
 * subjects, agency): their JSON keys and Vietnamese labels. */
#define PROC_COMPONENTS 7
extern const char *const proc_component_keys[PROC_COMPONENTS];
extern const char *const proc_component_labels[PROC_COMPONENTS];
/* Bit i set when component i (values in proc_component_keys order) is NULL or blank. */
unsigned proc_missing_components(const char *const values[PROC_COMPONENTS]);

/* Columns an import understands (the national database's export plus the components). */
enum proc_col {
    PC_CODE,
    PC_NAME,
    PC_FIELD,
    PC_LEVELS,
    PC_AGENCY,
    PC_TIME_LIMIT,
    PC_FEE,
    PC_ONLINE,
    PC_STEPS,
    PC_WAY,
    PC_DOSSIER,
    PC_SUBJECTS,
    PC_REQUIREMENTS,
    PC_RESULT,
    PC_LEGAL_BASIS,
    PC_DECISION_NO,
    PC_DECISION_DATE,
    PC_POSTAL,
    PC_NCOLS
};
/* Vietnamese label of a column, as the error report names it ("Mã thủ tục"). */
const char *proc_col_label(enum proc_col c);
/* The JSON key the column feeds ("code", "name", "field", ...). */
const char *proc_col_key(enum proc_col c);
/* Which column a header cell names (folded, so "Mã TTHC", "MÃ THỦ TỤC" and "ma thu tuc" are the
 * same), or -1 for a column the import does not read (STT, notes). */
int proc_header_column(const char *header);
/* map[c] = index of the cell holding column c, or -1. The first cell naming a column wins.
 * Returns how many columns were found. */
int proc_header_map(const char *const *cells, size_t n, int map[PC_NCOLS]);

/* The distinct folded words (core/vnfold) of texts[0..n) (NULL entries skipped), in order of
 * first appearance, separated by one space; words longer than 40 bytes are left out.
 * malloc'd; NULL on OOM. */
char *proc_search_words(const char *const *texts, size_t n);

#endif

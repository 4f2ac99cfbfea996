/* unitmatch: split a plan's lead/coop cell into unit names and resolve them against the unit tree.
 */
#ifndef KSTT_CORE_UNITMATCH_H
#define KSTT_CORE_UNITMATCH_H

#include <stddef.h>

struct um_unit {
    long long id;
    const char *name;
    const char *code;  /* may be NULL */
    const char *level; /* province, department, district, commune, vertical, onestop, office */
    long long parent_id;
    /* How far below the owner of the plan being read the unit lies (1: a district's own office
     * or commune, 2: a commune's office), 0 when not below it. Of several units a rule finds,
     * the one nearest wins when it is the only one that near; an office that is not below the
     * owner is never a candidate (every district has its "Phòng Tư pháp"). A unit may appear
     * more than once, under each of its names (an office's aliases), with the same id. */
    int near;
};

/* Units written as a group in prose ("Các Sở, ban, ngành", "UBND cấp xã"). */
enum um_group { UM_NONE, UM_DEPARTMENTS, UM_DISTRICTS, UM_COMMUNES, UM_RELATED };

struct um_ref {
    char *text;          /* the unit as written (trimmed), malloc'd */
    long long unit_id;   /* 0 = unresolved */
    enum um_group group; /* UM_NONE unless the text names a group */
    int via_alias;       /* 1 + the index of the document's alias that resolved it, or 0 */
};

/* An alias the document defines: "Sở Thông tin và Truyền thông (sau đây gọi tắt là Sở TTTT)". */
struct um_alias {
    char *alias; /* as written ("Sở TTTT"), malloc'd */
    char *name;  /* the name it stands for ("Sở Thông tin và Truyền thông"), malloc'd */
    char *key;   /* the alias's folded words ("so tttt"), malloc'd */
};

/*
 * Splits a cell into unit references at ";", line breaks, bullets, ",", " - " and "và", but
 * keeps names whole ("Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động - Thương binh và Xã hội"):
 * a piece that does not start with a unit word (Sở, UBND, Văn phòng, Trung tâm, Ban + name...)
 * or a group is glued back to the one before. Groups get their enum um_group; "UBND cấp huyện,
 * cấp xã" gives two refs; "Các Sở: Nội vụ, Tư pháp" gives "Sở Nội vụ", "Sở Tư pháp".
 * *out is malloc'd (NULL when *n is 0); release with unitmatch_free. Returns 0, or -1 when an
 * argument is NULL or memory ran out (*out is then NULL and *n 0: answer 503, never abort).
 */
int unitmatch_split(const char *cell, struct um_ref **out, size_t *n);

/*
 * Sets unit_id of each non-group ref: exact name, then folded (accents, case, punctuation,
 * "và" ignored; UBND/VP/TP expanded), then without the "UBND" prefix or a final "tỉnh", then
 * abbreviations matched against the initials of the name's words ("Sở TT&TT", "TT PVHCC").
 * The first rule that finds anything decides; when it finds two units the ref stays
 * unresolved (unit_id 0), unless exactly one of them is near (then that one). A ref whose text is a
 * group gets its group instead. Returns 0, or -1 when memory ran out (refs are then left as they
 * were).
 */
int unitmatch_resolve(struct um_ref *refs, size_t n, const struct um_unit *units, size_t nunits);

void unitmatch_free(struct um_ref *refs, size_t n);

/*
 * Scans a whole document (plain text, or HTML: tags and the usual entities are read through)
 * for alias definitions: "X (sau đây gọi tắt là Y)", "(gọi tắt là Y)", "(viết tắt là Y)",
 * "(gọi chung là Y)", "(viết tắt: Y)", also without parentheses ("X, sau đây gọi tắt là Y,").
 * X is the unit or group named just before (a list's last item; "Văn phòng UBND tỉnh" whole,
 * not its "UBND tỉnh"); a definition with no unit before it is skipped. An alias defined twice
 * with different names is dropped (never a guess). *out is malloc'd (NULL when *n is 0);
 * release with unitmatch_aliases_free. Returns 0, or -1 when an argument is NULL or memory ran
 * out (*out NULL, *n 0).
 */
int unitmatch_aliases(const char *doc, size_t len, struct um_alias **out, size_t *n);

void unitmatch_aliases_free(struct um_alias *a, size_t n);

/* unitmatch_split where an alias of al also starts a new unit ("Sở Nội vụ, BQL"). */
int unitmatch_split_aliased(const char *cell, const struct um_alias *al, size_t nal,
                            struct um_ref **out, size_t *n);

/*
 * unitmatch_resolve, but a ref written as one of the aliases (folded) is first resolved as the
 * name it stands for (a unit or a group), with via_alias set; when that name resolves to
 * nothing the ref is resolved as written.
 */
int unitmatch_resolve_aliased(struct um_ref *refs, size_t n, const struct um_unit *units,
                              size_t nunits, const struct um_alias *al, size_t nal);

/* "departments", "districts", "communes", "related"; NULL for UM_NONE. */
const char *unitmatch_group_name(enum um_group g);

#endif

/* unitmatch: split a plan's lead/coop cell into unit names and resolve them against the unit tree.
 */
#ifndef KSTT_CORE_UNITMATCH_H
#define KSTT_CORE_UNITMATCH_H

#include <stddef.h>

struct um_unit {
    long long id;
    const char *name;
    const char *code;  /* may be NULL */
    const char *level; /* province, department, district, commune, vertical, onestop */
    long long parent_id;
};

/* Units written as a group in prose ("Các Sở, ban, ngành", "UBND cấp xã"). */
enum um_group { UM_NONE, UM_DEPARTMENTS, UM_DISTRICTS, UM_COMMUNES, UM_RELATED };

struct um_ref {
    char *text;          /* the unit as written (trimmed), malloc'd */
    long long unit_id;   /* 0 = unresolved */
    enum um_group group; /* UM_NONE unless the text names a group */
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
 * unresolved (unit_id 0). A ref whose text is a group gets its group instead.
 * Returns 0, or -1 when memory ran out (refs are then left as they were).
 */
int unitmatch_resolve(struct um_ref *refs, size_t n, const struct um_unit *units, size_t nunits);

void unitmatch_free(struct um_ref *refs, size_t n);

/* "departments", "districts", "communes", "related"; NULL for UM_NONE. */
const char *unitmatch_group_name(enum um_group g);

#endif

/* Who may do what: the one table of role permissions (scope is checked separately, per object). */
#ifndef KSTT_ACCESS_H
#define KSTT_ACCESS_H

struct access_who {
    const char *role;       /* admin, leader, specialist, officer, viewer */
    const char *unit_level; /* province, department, district, commune, vertical, onestop */
    int coordinator;        /* the unit is the Provincial Office */
};

/* 1 when a principal with this role at this kind of unit may perform action at all. */
int access_allows(const struct access_who *w, const char *action);
/* Province-level principals and coordinators act across the whole province. */
int access_province_wide(const struct access_who *w);
/* A province-wide administrator: the only one who may set coordinator, change a unit's level or
 * move it across subtrees, or read the whole audit log. Other admins administer their subtree. */
int access_province_admin(const struct access_who *w);
/* The actions, for listing a user's permissions; NULL-terminated. */
extern const char *const access_actions[];

#endif

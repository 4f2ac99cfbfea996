/* Offices (phòng chuyên môn): the unit level below departments, districts and communes, and
 * their creation in bulk from the rule set standard_offices. */
#ifndef KSTT_API_UNIT_OFFICES_H
#define KSTT_API_UNIT_OFFICES_H
#include "server/http.h"
#include "server/input.h"
#include "store/db.h"

/* 1 when a unit of level parent may hold offices: a department, a district or a commune. */
int unit_office_parent_ok(const char *parent);
/* POST /api/v1/units/{id}/offices */
int h_unit_offices(req_t *r);
extern const struct in_spec in_unit_offices;
/* For the demo: creates every standard office under the unit coded parent_code (valid from the
 * parent's own start), outside any request, in the caller's transaction or none. The number
 * created, or -1. */
int unit_offices_demo(db_t *db, const char *parent_code);

#endif

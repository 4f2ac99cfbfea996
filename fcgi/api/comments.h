/* Handlers of the comments on tasks, assignments, feedback items and reports (api/comments.c). */
#ifndef KSTT_API_COMMENTS_H
#define KSTT_API_COMMENTS_H
#include "server/http.h"
#include "server/input.h"

int h_comments_list(req_t *r);
int h_comments_create(req_t *r);
int h_comments_update(req_t *r);
int h_comments_delete(req_t *r);
int h_comments_file(req_t *r);
extern const struct in_spec in_comments_list, in_comments_create, in_comments_update;

#endif

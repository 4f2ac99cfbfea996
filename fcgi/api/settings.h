/* Handlers of the settings resource (the public contact), named in the route table. */
#ifndef KSTT_API_SETTINGS_H
#define KSTT_API_SETTINGS_H
#include "server/http.h"

int h_public_contact(req_t *r);
int h_settings_contact_put(req_t *r);
extern const struct in_spec in_settings_contact_put;

#endif

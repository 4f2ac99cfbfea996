/* Citizen feedback workflow: states, who may do what in which state, codes, labels. Pure.
 * The legal clocks are in core/feedback_clock. */
#ifndef KSTT_CORE_FEEDBACK_FLOW_H
#define KSTT_CORE_FEEDBACK_FLOW_H

#include <stddef.h>

enum fb_state {
    FB_NONE = 0, /* before submission */
    FB_NEW,
    FB_REJECTED,
    FB_NEEDS_INFO,
    FB_ACCEPTED,
    FB_FORWARDED,
    FB_PROCESSING,
    FB_ANSWERED,
    FB_PUBLISHED,
    FB_RETURNED,
    FB_DUPLICATE,
    FB_NSTATES
};

/* Who acts: the sender (through the tracking code), the coordinator (Provincial Office), the
 * unit the item is forwarded to, or the system itself. */
enum fb_actor { FB_CITIZEN = 1, FB_COORDINATOR = 2, FB_UNIT = 4, FB_SYSTEM = 8 };

enum fb_action {
    FBA_SUBMIT,        /* citizen: none -> new */
    FBA_REJECT,        /* coordinator: reason, note, where to go instead */
    FBA_REQUEST_INFO,  /* coordinator: ask the sender once */
    FBA_INFO_REPLY,    /* citizen: needs_info -> new */
    FBA_ACCEPT,        /* coordinator: classify (type, field, procedure) */
    FBA_FORWARD,       /* coordinator: to the competent unit */
    FBA_DUPLICATE,     /* coordinator: link to the original */
    FBA_RECEIVE,       /* unit: takes the forwarded item */
    FBA_RETURN,        /* unit: not its competence, back to the coordinator */
    FBA_DRAFT,         /* unit: saves the answer text (no change of state) */
    FBA_SUBMIT_ANSWER, /* unit: answer to the coordinator */
    FBA_PUBLISH,       /* coordinator: approves and publishes the answer */
    FBA_SEND_BACK,     /* coordinator: answer needs more work */
    FBA_RATE,          /* citizen: satisfied / not satisfied, once */
    FBA_CORRECT,       /* coordinator: corrects a published answer (state unchanged) */
    FBA_REOPEN,        /* coordinator: a published item goes back to its unit, with a reason */
    FBA_NACTIONS
};

/* "new", "needs_info", ...; NULL for FB_NONE or out of range. */
const char *fb_state_name(enum fb_state s);
/* FB_NONE when the name is unknown (or NULL). */
enum fb_state fb_state_from(const char *name);
/* "reject", "request_info", ... (the API's action names). */
const char *fb_action_name(enum fb_action a);
/* -1 when unknown. */
int fb_action_from(const char *name);
/* Vietnamese name of a state and of the public step an action stands for (tracking page). */
const char *fb_state_label(enum fb_state s);
const char *fb_public_step(enum fb_action a);
/* 1 when the state is final (rejected, published, duplicate). */
int fb_terminal(enum fb_state s);

/*
 * The state after actor does action in state from, or FB_NONE when not allowed. actor is one
 * fb_actor bit (a principal who is both coordinator and the assigned unit tries each).
 */
enum fb_state fb_next(enum fb_state from, int actor, enum fb_action a);
/*
 * The actions actors (a mask of fb_actor bits) may take in state s, into out (at most max);
 * returns how many. Order is the fb_action order.
 */
size_t fb_allowed(enum fb_state s, int actors, enum fb_action *out, size_t max);
/* The same as a JSON array text '["reject","accept"]' in out (cap bytes; truncated safely). */
void fb_allowed_json(enum fb_state s, int actors, char *out, size_t cap);

/* The eight kinds of Điều 5, Nghị định 20/2008/NĐ-CP, 1..8 in that order; NULL outside. */
#define FB_NTYPES 8
const char *fb_type_label(int type);
/* Reasons for not taking a feedback in (enum of feedback.reject_reason), NULL-terminated, and
 * their Vietnamese labels (NULL for an unknown reason). */
extern const char *const fb_reject_reasons[];
const char *fb_reject_label(const char *reason);

/*
 * Tracking codes: 12 symbols of a 32-letter alphabet without 0, O, 1, I (60 bits), written
 * ABCD-EFGH-JKLM. fb_code_make takes 8 random bytes (only 60 bits are used).
 */
#define FB_CODE_ALPHABET "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
void fb_code_make(const unsigned char rnd[8], char out[15]);
/* Normalises what a person typed (case, spaces, dashes) to the 12 bare symbols in out[13].
 * Returns 0, or -1 when it is not a possible code. */
int fb_code_normalize(const char *in, char out[13]);
/* Adds the dashes: "ABCDEFGHJKLM" -> "ABCD-EFGH-JKLM". */
void fb_code_format(const char bare[13], char out[15]);

#endif

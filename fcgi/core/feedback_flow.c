/* Citizen feedback workflow: states, who may do what in which state, codes, labels. Pure. */
#include "core/feedback_flow.h"

#include <stdio.h>
#include <string.h>

static const char *const state_names[FB_NSTATES] = {
    [FB_NONE] = NULL,
    [FB_NEW] = "new",
    [FB_REJECTED] = "rejected",
    [FB_NEEDS_INFO] = "needs_info",
    [FB_ACCEPTED] = "accepted",
    [FB_FORWARDED] = "forwarded",
    [FB_PROCESSING] = "processing",
    [FB_ANSWERED] = "answered",
    [FB_PUBLISHED] = "published",
    [FB_RETURNED] = "returned",
    [FB_DUPLICATE] = "duplicate",
};

static const char *const state_labels[FB_NSTATES] = {
    [FB_NONE] = "",
    [FB_NEW] = "Mới tiếp nhận",
    [FB_REJECTED] = "Không tiếp nhận",
    [FB_NEEDS_INFO] = "Chờ bổ sung thông tin",
    [FB_ACCEPTED] = "Đã phân loại",
    [FB_FORWARDED] = "Đã chuyển cơ quan xử lý",
    [FB_PROCESSING] = "Đang xử lý",
    [FB_ANSWERED] = "Đã có dự thảo trả lời",
    [FB_PUBLISHED] = "Đã trả lời, công khai",
    [FB_RETURNED] = "Đơn vị trả lại, chờ chuyển lại",
    [FB_DUPLICATE] = "Trùng với phản ánh khác",
};

static const char *const action_names[FBA_NACTIONS] = {
    [FBA_SUBMIT] = "submit",
    [FBA_REJECT] = "reject",
    [FBA_REQUEST_INFO] = "request_info",
    [FBA_INFO_REPLY] = "info_reply",
    [FBA_ACCEPT] = "accept",
    [FBA_FORWARD] = "forward",
    [FBA_DUPLICATE] = "duplicate",
    [FBA_RECEIVE] = "receive",
    [FBA_RETURN] = "return",
    [FBA_DRAFT] = "draft",
    [FBA_SUBMIT_ANSWER] = "submit_answer",
    [FBA_PUBLISH] = "publish",
    [FBA_SEND_BACK] = "send_back",
    [FBA_RATE] = "rate",
    [FBA_CORRECT] = "correct",
    [FBA_REOPEN] = "reopen",
};

/* What the sender sees on the tracking page: a step name per event, nothing internal. A return
 * by a unit or an answer sent back is, for the sender, still "being handled". */
static const char *const public_steps[FBA_NACTIONS] = {
    [FBA_SUBMIT] = "Đã nhận phản ánh, kiến nghị",
    [FBA_REJECT] = "Không tiếp nhận phản ánh, kiến nghị",
    [FBA_REQUEST_INFO] = "Đề nghị người gửi bổ sung thông tin",
    [FBA_INFO_REPLY] = "Người gửi đã bổ sung thông tin",
    [FBA_ACCEPT] = "Đã tiếp nhận và phân loại",
    [FBA_FORWARD] = "Đã chuyển cơ quan có thẩm quyền xử lý",
    [FBA_DUPLICATE] = "Đã gộp với phản ánh, kiến nghị cùng nội dung",
    [FBA_RECEIVE] = "Cơ quan có thẩm quyền đang xử lý",
    [FBA_RETURN] = "Đang chuyển cơ quan có thẩm quyền xử lý",
    [FBA_DRAFT] = NULL,
    [FBA_SUBMIT_ANSWER] = "Đang hoàn thiện văn bản trả lời",
    [FBA_PUBLISH] = "Đã trả lời và công khai kết quả",
    [FBA_SEND_BACK] = "Đang hoàn thiện văn bản trả lời",
    [FBA_RATE] = "Người gửi đã đánh giá kết quả trả lời",
    [FBA_CORRECT] = "Đã đính chính câu trả lời",
    [FBA_REOPEN] = "Đã mở lại để xử lý tiếp",
};

#define S(x) (1u << (x))

struct edge {
    enum fb_action action;
    int actors;
    unsigned from;    /* mask of states */
    enum fb_state to; /* FB_NONE: the state does not change */
};

/* The one table of allowed transitions. */
static const struct edge edges[] = {
    {FBA_SUBMIT, FB_CITIZEN, S(FB_NONE), FB_NEW},
    {FBA_REJECT, FB_COORDINATOR, S(FB_NEW) | S(FB_NEEDS_INFO) | S(FB_ACCEPTED) | S(FB_RETURNED),
     FB_REJECTED},
    {FBA_REQUEST_INFO, FB_COORDINATOR, S(FB_NEW) | S(FB_ACCEPTED), FB_NEEDS_INFO},
    {FBA_INFO_REPLY, FB_CITIZEN, S(FB_NEEDS_INFO), FB_NEW},
    {FBA_ACCEPT, FB_COORDINATOR, S(FB_NEW) | S(FB_NEEDS_INFO) | S(FB_ACCEPTED) | S(FB_RETURNED),
     FB_ACCEPTED},
    {FBA_FORWARD, FB_COORDINATOR, S(FB_ACCEPTED) | S(FB_RETURNED), FB_FORWARDED},
    {FBA_DUPLICATE, FB_COORDINATOR, S(FB_NEW) | S(FB_NEEDS_INFO) | S(FB_ACCEPTED) | S(FB_RETURNED),
     FB_DUPLICATE},
    {FBA_RECEIVE, FB_UNIT, S(FB_FORWARDED), FB_PROCESSING},
    {FBA_RETURN, FB_UNIT, S(FB_FORWARDED) | S(FB_PROCESSING), FB_RETURNED},
    {FBA_DRAFT, FB_UNIT, S(FB_PROCESSING), FB_PROCESSING},
    {FBA_SUBMIT_ANSWER, FB_UNIT, S(FB_PROCESSING), FB_ANSWERED},
    {FBA_PUBLISH, FB_COORDINATOR, S(FB_ANSWERED), FB_PUBLISHED},
    {FBA_SEND_BACK, FB_COORDINATOR, S(FB_ANSWERED), FB_PROCESSING},
    {FBA_RATE, FB_CITIZEN, S(FB_PUBLISHED), FB_PUBLISHED},
    {FBA_CORRECT, FB_COORDINATOR, S(FB_PUBLISHED), FB_PUBLISHED},
    {FBA_REOPEN, FB_COORDINATOR, S(FB_PUBLISHED), FB_PROCESSING},
};

#define NEDGES (sizeof edges / sizeof edges[0])

const char *fb_state_name(enum fb_state s) {
    return (int)s >= 0 && s < FB_NSTATES ? state_names[s] : NULL;
}

enum fb_state fb_state_from(const char *name) {
    if (!name) return FB_NONE;
    for (int i = 1; i < FB_NSTATES; i++)
        if (strcmp(state_names[i], name) == 0) return (enum fb_state)i;
    return FB_NONE;
}

const char *fb_action_name(enum fb_action a) {
    return (int)a >= 0 && a < FBA_NACTIONS ? action_names[a] : NULL;
}

int fb_action_from(const char *name) {
    if (!name) return -1;
    for (int i = 0; i < FBA_NACTIONS; i++)
        if (strcmp(action_names[i], name) == 0) return i;
    return -1;
}

const char *fb_state_label(enum fb_state s) {
    return (int)s >= 0 && s < FB_NSTATES ? state_labels[s] : "";
}

const char *fb_public_step(enum fb_action a) {
    return (int)a >= 0 && a < FBA_NACTIONS ? public_steps[a] : NULL;
}

int fb_terminal(enum fb_state s) {
    return s == FB_REJECTED || s == FB_PUBLISHED || s == FB_DUPLICATE;
}

enum fb_state fb_next(enum fb_state from, int actor, enum fb_action a) {
    if ((int)from < 0 || from >= FB_NSTATES) return FB_NONE;
    for (size_t i = 0; i < NEDGES; i++)
        if (edges[i].action == a && (edges[i].actors & actor) && (edges[i].from & S(from)))
            return edges[i].to;
    return FB_NONE;
}

size_t fb_allowed(enum fb_state s, int actors, enum fb_action *out, size_t max) {
    size_t n = 0;
    for (int a = 0; a < FBA_NACTIONS; a++) {
        if (a == FBA_SUBMIT) continue;
        if (fb_next(s, actors, (enum fb_action)a) != FB_NONE) {
            if (n < max) out[n] = (enum fb_action)a;
            n++;
        }
    }
    return n < max ? n : max;
}

void fb_allowed_json(enum fb_state s, int actors, char *out, size_t cap) {
    enum fb_action a[FBA_NACTIONS];
    size_t n = fb_allowed(s, actors, a, FBA_NACTIONS);
    size_t len = 0;
    if (cap < 3) {
        if (cap) out[0] = '\0';
        return;
    }
    out[len++] = '[';
    for (size_t i = 0; i < n; i++) {
        const char *name = action_names[a[i]];
        size_t need = strlen(name) + 3 + (i > 0);
        if (len + need + 1 >= cap) break;
        len += (size_t)snprintf(out + len, cap - len, "%s\"%s\"", i ? "," : "", name);
    }
    out[len++] = ']';
    out[len] = '\0';
}

static const char *const type_labels[FB_NTYPES + 1] = {
    NULL,
    "Vướng mắc, chậm trễ, gây phiền hà hoặc thực hiện không đúng quy định hành chính",
    "Quy định hành chính không phù hợp với thực tế",
    "Quy định hành chính không đồng bộ, thiếu thống nhất",
    "Quy định hành chính không hợp pháp",
    "Quy định hành chính trái với điều ước quốc tế mà Việt Nam đã ký kết hoặc gia nhập",
    "Vấn đề khác liên quan đến quy định hành chính",
    "Đề xuất phương án xử lý phản ánh, kiến nghị",
    "Sáng kiến ban hành mới quy định hành chính",
};

const char *fb_type_label(int type) {
    return type >= 1 && type <= FB_NTYPES ? type_labels[type] : NULL;
}

const char *const fb_reject_reasons[] = {
    "not_admin_regulation",
    "complaint",
    "denunciation",
    "already_handled",
    "not_competent",
    "incomplete",
    "anonymous_or_false",
    "offensive",
    "other",
    NULL,
};

static const char *const reject_labels[] = {
    "Không phải phản ánh, kiến nghị về quy định hành chính",
    "Là khiếu nại: giải quyết theo pháp luật về khiếu nại",
    "Là tố cáo: giải quyết theo pháp luật về tố cáo",
    "Đã được xem xét, xử lý và trả lời trước đây",
    "Không thuộc thẩm quyền xử lý của các cơ quan trong tỉnh",
    "Thiếu thông tin, không thể xác minh hoặc liên hệ người gửi",
    "Không rõ người gửi hoặc thông tin người gửi không trung thực",
    "Nội dung có lời lẽ xúc phạm, vu khống",
    "Lý do khác",
};

const char *fb_reject_label(const char *reason) {
    for (int i = 0; reason && fb_reject_reasons[i]; i++)
        if (strcmp(fb_reject_reasons[i], reason) == 0) return reject_labels[i];
    return NULL;
}

void fb_code_make(const unsigned char rnd[8], char out[15]) {
    unsigned long long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | rnd[i];
    char bare[13];
    for (int i = 0; i < 12; i++) {
        bare[i] = FB_CODE_ALPHABET[v & 31u];
        v >>= 5;
    }
    bare[12] = '\0';
    fb_code_format(bare, out);
}

int fb_code_normalize(const char *in, char out[13]) {
    size_t n = 0;
    if (!in) return -1;
    for (const char *p = in; *p; p++) {
        char c = *p;
        if (c == '-' || c == ' ' || c == '\t') continue;
        if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        if (!strchr(FB_CODE_ALPHABET, c) || c == '\0') return -1;
        if (n >= 12) return -1;
        out[n++] = c;
    }
    if (n != 12) return -1;
    out[12] = '\0';
    return 0;
}

void fb_code_format(const char bare[13], char out[15]) {
    snprintf(out, 15, "%.4s-%.4s-%.4s", bare, bare + 4, bare + 8);
}

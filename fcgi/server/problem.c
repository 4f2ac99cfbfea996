/* Responses: JSON bodies and RFC 9457 problem+json with Vietnamese titles. */
#include "server/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"

const char *http_reason(int s) {
    switch (s) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

const char *http_problem_title(int s) {
    switch (s) {
    case 400:
        return "Yêu cầu không hợp lệ";
    case 401:
        return "Chưa đăng nhập hoặc phiên đã hết hạn";
    case 403:
        return "Không có quyền thực hiện";
    case 404:
        return "Không tìm thấy";
    case 405:
        return "Phương thức không được hỗ trợ";
    case 409:
        return "Xung đột trạng thái";
    case 413:
        return "Dữ liệu gửi lên quá lớn";
    case 415:
        return "Kiểu dữ liệu không được hỗ trợ";
    case 422:
        return "Dữ liệu chưa hợp lệ";
    case 429:
        return "Quá nhiều yêu cầu";
    case 500:
        return "Lỗi hệ thống";
    case 503:
        return "Dịch vụ tạm thời không sẵn sàng";
    default:
        return "Lỗi";
    }
}

void res_header(req_t *r, const char *name, const char *value) {
    /* Header values come from our code, but strip CR/LF anyway: no response splitting. */
    buf_puts(&r->headers, name);
    buf_puts(&r->headers, ": ");
    for (const char *p = value; *p; p++)
        if (*p != '\r' && *p != '\n') buf_append(&r->headers, p, 1);
    buf_puts(&r->headers, "\r\n");
}

void res_raw(req_t *r, int status, const char *content_type, const char *body, size_t len) {
    r->status = status;
    r->responded = 1;
    buf_reset(&r->out);
    json_decref(r->out_json);
    r->out_json = NULL;
    if (content_type) res_header(r, "Content-Type", content_type);
    if (body) buf_append(&r->out, body, len);
}

void res_json(req_t *r, int status, json_t *body) {
    if (!body) {
        res_internal(r, "no JSON answer");
        return;
    }
    /* Kept as a tree: a problem set later (a failed commit) replaces it, a retried attempt drops
     * it, and only the answer of the finished handler is serialized, straight to nginx. */
    res_raw(r, status, "application/json; charset=utf-8", NULL, 0);
    r->out_json = body;
}

void res_no_content(req_t *r) {
    res_raw(r, 204, NULL, NULL, 0);
}

static void send_problem(req_t *r, int status, const char *title, const char *detail,
                         json_t *errors) {
    json_t *p = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", "about:blank", "title",
                          title ? title : http_problem_title(status), "status", status, "detail",
                          detail ? detail : "", "request_id", r->request_id);
    if (errors) json_object_set(p, "errors", errors);
    char *s = json_dumps(p, JSON_COMPACT);
    json_decref(p);
    res_raw(r, status, "application/problem+json; charset=utf-8", s ? s : "{}", s ? strlen(s) : 2);
    free(s);
}

void res_problem(req_t *r, int status, const char *title, const char *detail) {
    /* A handler may have started a response: the problem replaces it, headers included. */
    buf_reset(&r->headers);
    send_problem(r, status, title, detail, NULL);
}

void req_error(req_t *r, const char *field, const char *message) {
    if (!r->errors) r->errors = json_array();
    json_t *e = json_pack("{s:s, s:s}", "field", field, "message", message);
    /* A message quoting the client's bytes may not be valid UTF-8: the error must still count. */
    if (!e) {
        json_t *f = json_string(field);
        e = json_pack("{s:o, s:s}", "field", f ? f : json_string("body"), "message",
                      "Giá trị không hợp lệ.");
    }
    json_array_append_new(r->errors, e);
}

int req_has_errors(const req_t *r) {
    return r->errors && json_array_size(r->errors) > 0;
}

int res_invalid(req_t *r) {
    buf_reset(&r->headers);
    send_problem(r, 422, "Dữ liệu chưa hợp lệ", "Vui lòng kiểm tra lại các trường được đánh dấu.",
                 r->errors ? r->errors : json_array());
    return -1;
}

int res_internal(req_t *r, const char *why) {
    log_msg("error", r->request_id, "internal error: %s", why ? why : "unknown");
    char detail[160];
    snprintf(detail, sizeof detail,
             "Đã có lỗi xảy ra khi xử lý yêu cầu. Vui lòng thử lại hoặc báo quản trị viên mã %s.",
             r->request_id);
    res_problem(r, 500, "Lỗi hệ thống", detail);
    return -1;
}

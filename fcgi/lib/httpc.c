/* Outbound HTTP(S) requests on libcurl: no redirects, bounded time and size, thread-safe. */
#include "lib/httpc.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init_once(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

void httpc_global_init(void) {
    pthread_once(&curl_once, curl_init_once);
}

struct sink {
    struct buf *out;
    size_t max, got;
};

static size_t sink_write(char *p, size_t size, size_t nmemb, void *u) {
    struct sink *s = u;
    size_t n = size * nmemb;
    if (n > s->max - s->got) return 0; /* aborts the transfer */
    buf_append(s->out, p, n);
    if (s->out->oom) return 0;
    s->got += n;
    return n;
}

/* The options every request shares, then the transfer. */
static int perform(CURL *c, const char *url, long timeout_ms, size_t max_bytes, struct buf *out,
                   long *status) {
    struct sink s = {out, max_bytes, 0};
    struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    /* Signals are not thread-safe; timeouts then rely on the threaded resolver. */
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    /* A declared length over the cap stops the transfer before any byte is read. */
    if (max_bytes < (size_t)INT64_MAX)
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "kstt-api");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    if (rc != CURLE_OK) return -1;
    if (status) *status = code;
    return 0;
}

static CURL *start(const char *url, long timeout_ms, struct buf *out, long *status) {
    if (status) *status = 0;
    if (!url || !out || timeout_ms <= 0) return NULL;
    httpc_global_init();
    return curl_easy_init();
}

int httpc_get(const char *url, long timeout_ms, size_t max_bytes, struct buf *out, long *status) {
    CURL *c = start(url, timeout_ms, out, status);
    return c ? perform(c, url, timeout_ms, max_bytes, out, status) : -1;
}

int httpc_post_form(const char *url, const char *form, const char *user, const char *password,
                    long timeout_ms, size_t max_bytes, struct buf *out, long *status) {
    CURL *c = start(url, timeout_ms, out, status);
    if (!c) return -1;
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form ? form : "");
    if (user) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
    }
    return perform(c, url, timeout_ms, max_bytes, out, status);
}

int httpc_form_add(struct buf *form, const char *name, const char *value) {
    char *ev = curl_easy_escape(NULL, value ? value : "", 0);
    if (!ev) return -1;
    if (form->len) buf_puts(form, "&");
    buf_puts(form, name);
    buf_puts(form, "=");
    buf_puts(form, ev);
    curl_free(ev);
    return form->oom ? -1 : 0;
}

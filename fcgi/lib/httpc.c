/* A small HTTP client on libcurl: GET and POST of a form, for talking to OpenID providers. */
#include "lib/httpc.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct sink {
    char *p;
    size_t n;
    int over;
};

static size_t on_data(char *data, size_t size, size_t nmemb, void *ud) {
    struct sink *s = ud;
    size_t len = size * nmemb;
    if (s->n + len > (size_t)HTTPC_MAX_BODY) {
        s->over = 1;
        return 0; /* makes curl stop with a write error */
    }
    char *grown = realloc(s->p, s->n + len + 1);
    if (!grown) return 0;
    memcpy(grown + s->n, data, len);
    s->n += len;
    grown[s->n] = '\0';
    s->p = grown;
    return len;
}

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static void global_init(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Only http and https, never following redirects: a provider's endpoints are exact addresses. */
static int perform(CURL *c, const char *url, char **body, long *status) {
    struct sink s = {0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)HTTPC_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK || s.over) {
        free(s.p);
        return -1;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    *body = s.p ? s.p : strdup("");
    return *body ? 0 : -1;
}

int httpc_get(const char *url, char **body, long *status) {
    pthread_once(&g_once, global_init);
    *body = NULL;
    CURL *c = curl_easy_init();
    if (!c) return -1;
    struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    int rc = perform(c, url, body, status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return rc;
}

int httpc_post_form(const char *url, const char *form, const char *user, const char *password,
                    char **body, long *status) {
    pthread_once(&g_once, global_init);
    *body = NULL;
    CURL *c = curl_easy_init();
    if (!c) return -1;
    struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form ? form : "");
    if (user) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
    }
    int rc = perform(c, url, body, status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return rc;
}

int httpc_form_add(char **form, const char *name, const char *value) {
    char *ev = curl_easy_escape(NULL, value ? value : "", 0);
    if (!ev) return -1;
    size_t old = *form ? strlen(*form) : 0;
    size_t need = old + 1 + strlen(name) + 1 + strlen(ev) + 1;
    char *grown = realloc(*form, need);
    if (!grown) {
        curl_free(ev);
        return -1;
    }
    grown[old] = '\0';
    strcat(grown, old ? "&" : "");
    strcat(grown, name);
    strcat(grown, "=");
    strcat(grown, ev);
    curl_free(ev);
    *form = grown;
    return 0;
}

/* Outgoing mail over SMTP (libcurl), configured by KSTT_SMTP_*; off when no URL is set. */
#include "lib/mail.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/buf.h"
#include "lib/httpc.h"
#include "lib/utf8.h"

int mail_enabled(const struct config *cfg) {
    return cfg && cfg->smtp_url[0] != '\0';
}

static int has_crlf(const char *s) {
    return s && (strchr(s, '\r') || strchr(s, '\n'));
}

static int ascii_only(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return 0;
    return 1;
}

static void b64(struct buf *b, const unsigned char *p, size_t n) {
    unsigned char out[4 * 57 / 3 + 4];
    while (n > 0) {
        size_t chunk = n > 57 ? 57 : n; /* 57 bytes -> one 76-character line */
        int w = EVP_EncodeBlock(out, p, (int)chunk);
        buf_append(b, out, (size_t)w);
        buf_puts(b, "\r\n");
        p += chunk;
        n -= chunk;
    }
}

/* RFC 2047 encoded words, split at character boundaries so each word stays short. */
static void encoded_subject(struct buf *b, const char *s) {
    if (ascii_only(s)) {
        buf_puts(b, s);
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int first = 1;
    while (n > 0) {
        /* 39 bytes are 52 base64 characters: a word stays under 75 */
        size_t take = utf8_cut((const char *)p, n, 39);
        unsigned char out[64];
        int w = EVP_EncodeBlock(out, p, (int)take);
        buf_printf(b, "%s=?UTF-8?B?%.*s?=", first ? "" : "\r\n ", w, (const char *)out);
        first = 0;
        p += take;
        n -= take;
    }
}

char *mail_compose(const char *from, const char *to, const char *subject, const char *body,
                   const char *date, const char *msgid) {
    if (!from || !to || !subject || !body || has_crlf(from) || has_crlf(to) || has_crlf(subject) ||
        has_crlf(date) || has_crlf(msgid))
        return NULL;
    struct buf b;
    buf_init(&b);
    if (date) buf_printf(&b, "Date: %s\r\n", date);
    buf_printf(&b, "From: %s\r\nTo: %s\r\n", from, to);
    if (msgid) buf_printf(&b, "Message-ID: %s\r\n", msgid);
    buf_puts(&b, "Subject: ");
    encoded_subject(&b, subject);
    buf_puts(&b, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                 "Content-Transfer-Encoding: base64\r\n\r\n");
    b64(&b, (const unsigned char *)body, strlen(body));
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    buf_cstr(&b);
    return b.data;
}

struct reader {
    const char *p;
    size_t left;
};

static size_t read_cb(char *out, size_t size, size_t nitems, void *arg) {
    struct reader *r = arg;
    size_t n = size * nitems;
    if (n > r->left) n = r->left;
    memcpy(out, r->p, n);
    r->p += n;
    r->left -= n;
    return n;
}

/* The bare address of "Name <a@b>" or "a@b". */
static void envelope(const char *addr, char *out, size_t cap) {
    const char *lt = strrchr(addr, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    if (lt && gt)
        snprintf(out, cap, "<%.*s>", (int)(gt - lt - 1), lt + 1);
    else
        snprintf(out, cap, "<%s>", addr);
}

int mail_send(const struct config *cfg, const char *to, const char *subject, const char *body,
              char *err, size_t errlen) {
    if (!mail_enabled(cfg)) return 1;
    char date[64], msgid[128];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    unsigned char rnd[12];
    RAND_bytes(rnd, sizeof rnd);
    char from_env[300], to_env[300];
    envelope(cfg->smtp_from, from_env, sizeof from_env);
    envelope(to, to_env, sizeof to_env);
    const char *at = strchr(from_env, '@');
    snprintf(msgid, sizeof msgid, "<%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x.kstt%.*s>",
             rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], rnd[6], rnd[7], rnd[8], rnd[9],
             rnd[10], rnd[11], at ? (int)strcspn(at, ">") : 0, at ? at : "");
    char *msg = mail_compose(cfg->smtp_from, to, subject, body, date, msgid);
    if (!msg) {
        snprintf(err, errlen, "message refused (bad address or subject)");
        return -1;
    }
    httpc_global_init();
    CURL *c = curl_easy_init();
    if (!c) {
        free(msg);
        snprintf(err, errlen, "curl init failed");
        return -1;
    }
    struct reader rd = {msg, strlen(msg)};
    struct curl_slist *rcpt = curl_slist_append(NULL, to_env);
    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (cfg->smtp_user[0]) curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
    if (cfg->smtp_password[0]) curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->smtp_password);
    /* STARTTLS on smtp:// (smtps:// is TLS from the start): required unless KSTT_SMTP_TLS=0. */
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     cfg->smtp_tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_env);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &rd);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) snprintf(err, errlen, "%s", curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    free(msg);
    return rc == CURLE_OK ? 0 : -1;
}

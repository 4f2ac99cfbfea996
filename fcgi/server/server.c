/* FastCGI transport: worker threads accepting requests, dispatch through the route table. */
#include "server/server.h"

#include <errno.h>
#include <fastcgi.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/log.h"
#include "server/input.h"
#include "server/metrics.h"

const struct config *server_cfg;

static atomic_int stopping;
/* The worker's route table, measured once (server_worker_main). */
static struct route_index routes_ix;

/* The largest FastCGI record that needs no padding (a multiple of 8 under 64 KB). */
enum { RECORD_MAX = 65528 };

struct worker_thread {
    pthread_t tid;
    int listen_fd, epfd; /* the process's listener and its set of connections */
    const struct server_hooks *hooks;
    atomic_int waiting, done; /* in epoll_wait (a signal may wake it); returned */
    atomic_llong busy_since;  /* monotonic ms when its request began; 0 between requests */
};

/* writev(2) of every byte of iov[0..n), through short writes and signals; 0 or -1. */
static int write_all(int fd, struct iovec *iov, int n) {
    while (n > 0) {
        ssize_t w = writev(fd, iov, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            /* libfcgi leaves connections blocking; should one not be, wait for room */
            struct pollfd p = {fd, POLLOUT, 0};
            if (poll(&p, 1, 120000) <= 0) return -1;
            continue;
        }
        if (w < 0) return -1;
        while (n > 0 && (size_t)w >= iov->iov_len) {
            w -= (ssize_t)iov->iov_len;
            iov++;
            n--;
        }
        if (n > 0) {
            iov->iov_base = (char *)iov->iov_base + w;
            iov->iov_len -= (size_t)w;
        }
    }
    return 0;
}

static long elapsed_us(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000000L + (t1.tv_nsec - t0->tv_nsec) / 1000;
}

static int method_has_body(const char *m) {
    return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0 ||
           strcmp(m, "DELETE") == 0;
}

/* Forgets an attempt's answer (keeping the headers set before the handler ran, such as refreshed
 * cookies) so that the request can be handled again. */
static void reset_attempt(req_t *r, size_t keep_headers) {
    r->status = 0;
    r->responded = 0;
    r->headers.len = keep_headers;
    if (r->headers.data) r->headers.data[keep_headers] = '\0';
    r->out.len = 0;
    if (r->out.data) r->out.data[0] = '\0';
    json_decref(r->out_json);
    r->out_json = NULL;
    /* A body the server declared was parsed and checked once before the first attempt; its typed
     * values borrow from r->json, which handlers only read, so it is kept for the next attempt.
     * A body the handler checks itself (a form) is parsed again by the handler: start clean. */
    if (!r->route->body || r->route->body->handler_checks) {
        json_decref(r->json);
        r->json = NULL;
        free((void *)r->body_in); /* allocated for the handler, which only reads it */
        r->body_in = NULL;
    }
    json_decref(r->errors);
    r->errors = NULL;
}

/* Runs the handler; when an attempt hit a deadlock or a cluster certification failure, the
 * database rolled the whole transaction back, so the request is run again from the start (the
 * body is in memory, stored files are content-addressed) a bounded number of times with a
 * growing, jittered pause. Handlers stay unaware of it. Past the bound: 503 with Retry-After. */
static void run_handler(const struct server_hooks *h, req_t *r) {
    enum { ATTEMPTS = 6 };
    size_t keep = r->headers.len;
    for (int attempt = 1;; attempt++) {
        if (h->attempt_begin) h->attempt_begin();
        r->route->handler(r);
        if (!h->attempt_conflicted || !h->attempt_conflicted()) {
            if (attempt > 1) r->log_note = "succeeded after retrying a database conflict";
            break;
        }
        if (attempt == ATTEMPTS) {
            reset_attempt(r, keep);
            res_problem(r, 503, NULL,
                        "Hệ thống đang bận do nhiều người cùng cập nhật. Vui lòng thử lại sau "
                        "giây lát.");
            res_header(r, "Retry-After", "1");
            r->log_note = "gave up after repeated database conflicts";
            return;
        }
        reset_attempt(r, keep);
        static __thread unsigned seed;
        if (!seed) seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)&seed;
        unsigned base = 5u << attempt; /* 10, 20, 40, 80, 160 ms */
        struct timespec ts = {0, (long)(base + (unsigned)rand_r(&seed) % base) * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (!r->responded) res_internal(r, "handler returned without a response");
}

/* Parses the JSON body and fills the route's declared body input; -1 after answering. */
static int read_declared_body(req_t *r) {
    const struct in_spec *spec = r->route->body;
    if (r->body_len == 0 && spec->body_optional)
        r->json = json_object();
    else if (req_json(r) < 0)
        return -1;
    void *b;
    int rc = input_declared_body(r, spec, r->json, &b);
    r->body_in = b;
    return rc;
}

void server_dispatch(const struct server_hooks *h, req_t *r) {
    int rc = req_parse(r);
    if (rc) {
        res_problem(r, rc, NULL, "Đường dẫn hoặc tham số truy vấn không hợp lệ.");
        return;
    }
    char allow[128];
    int idx = routes_ix.t == h->routes && routes_ix.n == h->nroutes
                  ? router_find(&routes_ix, r, allow, sizeof allow)
                  : router_match(h->routes, h->nroutes, r, allow, sizeof allow);
    if (idx == ROUTE_NOT_FOUND) {
        res_problem(r, 404, "Không tìm thấy", "Không có tài nguyên nào tại địa chỉ này.");
        return;
    }
    if (idx == ROUTE_BAD_METHOD) {
        res_problem(r, 405, NULL, "Phương thức này không được hỗ trợ tại địa chỉ này.");
        res_header(r, "Allow", allow);
        return;
    }
    /* Authorise from the headers before reading a byte of the body: an anonymous client must not
     * make a worker buffer up to the route's cap (256 MB for dossier ingest) to learn it is not
     * signed in. The refused body is read and thrown away in small pieces so that nginx is not cut
     * off mid-send. */
    if (h->authorize && h->authorize(r) < 0) {
        if (method_has_body(r->method)) req_discard_body(r);
        return;
    }
    /* Declared query inputs are checked before the body is read: a bad query costs no upload. */
    if (r->route->query) {
        void *q;
        rc = input_declared_query(r, r->route->query, &q);
        r->query_in = q;
        if (rc < 0) {
            if (method_has_body(r->method)) req_discard_body(r);
            return;
        }
    }
    if (method_has_body(r->method)) {
        long cap = r->route->max_body ? r->route->max_body : server_cfg->max_body;
        rc = req_read_body(r, cap);
        if (rc == 413) {
            char detail[160];
            snprintf(detail, sizeof detail, "Dung lượng tối đa cho yêu cầu này là %ld byte.", cap);
            res_problem(r, 413, NULL, detail);
            return;
        }
        if (rc) {
            res_problem(r, rc, NULL, "Không đọc được nội dung yêu cầu.");
            return;
        }
    }
    if (r->route->body && !r->route->body->handler_checks && read_declared_body(r) < 0) return;
    run_handler(h, r);
}

/* Sends len bytes as FastCGI stdout records of up to 64 KB, several to a writev(2), straight
 * to the connection; -1 when nginx went away. Why: libfcgi cuts its stream into 8 KB records, one
 * write(2) each: 6 for a 41 KB list, 180 for a 1.5 MB plan table, every one waking nginx. What
 * libfcgi buffered before is flushed first, so the order holds; FCGX_Finish_r then ends the
 * stream as usual. */
static int put_records(FCGX_Request *fr, const char *data, size_t len) {
    enum { PER_CALL = 16 };
    if (FCGX_FFlush(fr->out) < 0) return -1;
    while (len) {
        unsigned char hdr[PER_CALL][FCGI_HEADER_LEN];
        struct iovec iov[2 * PER_CALL];
        int n = 0;
        size_t batch = 0;
        for (; n < PER_CALL && batch < len; n++) {
            size_t c = len - batch < RECORD_MAX ? len - batch : RECORD_MAX;
            FCGI_Header h = {FCGI_VERSION_1,
                             FCGI_STDOUT,
                             (unsigned char)(fr->requestId >> 8),
                             (unsigned char)fr->requestId,
                             (unsigned char)(c >> 8),
                             (unsigned char)c,
                             0,
                             0};
            memcpy(hdr[n], &h, sizeof h);
            iov[2 * n] = (struct iovec){hdr[n], FCGI_HEADER_LEN};
            iov[2 * n + 1] = (struct iovec){(void *)(data + batch), c};
            batch += c;
        }
        if (write_all(fr->ipcFd, iov, 2 * n) < 0) return -1;
        data += batch;
        len -= batch;
    }
    return 0;
}

static int is_head(const req_t *r) {
    return strcmp(r->method ? r->method : "", "HEAD") == 0;
}

/* The status line and headers; length < 0 leaves Content-Length out (a streamed answer, which
 * nginx sends on chunked, and ends when the FastCGI stream ends). */
static void put_head(FCGX_Request *fr, const req_t *r, long long length) {
    struct buf h;
    buf_init(&h);
    buf_printf(&h, "Status: %d %s\r\n", r->status, http_reason(r->status));
    buf_append(&h, r->headers.data ? r->headers.data : "", r->headers.len);
    if (length >= 0 && r->status != 204 && r->status != 304)
        buf_printf(&h, "Content-Length: %lld\r\n", length);
    buf_puts(&h, "Cache-Control: no-store\r\n\r\n");
    FCGX_PutStr(h.data, (int)h.len, fr->out);
    buf_free(&h);
}

static void put_body(FCGX_Request *fr, const char *data, size_t len) {
    if (len > 16384)
        put_records(fr, data, len);
    else if (len)
        FCGX_PutStr(data, (int)len, fr->out);
}

/* A JSON answer on its way out: serialized into one record's worth of buffer at a time. */
struct json_out {
    FCGX_Request *fr;
    const req_t *r;
    char buf[RECORD_MAX];
    size_t len;     /* bytes in buf */
    size_t total;   /* bytes serialized */
    int streaming;  /* headers sent without a length; buf goes out whenever it fills */
    int count_only; /* HEAD: only the length is needed */
    int failed;     /* nginx went away */
};

static int json_out_put(const char *s, size_t n, void *data) {
    struct json_out *o = data;
    o->total += n;
    if (o->count_only) return 0;
    while (n) {
        if (o->len == sizeof o->buf) {
            if (!o->streaming) put_head(o->fr, o->r, -1);
            o->streaming = 1;
            if (put_records(o->fr, o->buf, o->len) < 0) {
                o->failed = 1;
                return -1;
            }
            o->len = 0;
        }
        size_t c = n < sizeof o->buf - o->len ? n : sizeof o->buf - o->len;
        memcpy(o->buf + o->len, s, c);
        o->len += c;
        s += c;
        n -= c;
    }
    return 0;
}

/* Each thread's 64 KB buffer, kept between requests: allocating and freeing it for every answer
 * made glibc consolidate its heap each time (a free of 64 KB or more does). */
static __thread struct json_out *thread_out;

/* Writes a JSON answer as jansson serializes it. One that fits a record goes out with its
 * Content-Length, as before; a larger one is streamed: the 1.5 MB plan table or a 100-row list
 * costs a 64 KB buffer, not a second and third copy of itself, and nginx starts sending at once.
 * The tree is complete before a byte is written, so a stream fails only when nginx went away or
 * memory ran out; then the connection is cut, so that nginx ends the answer short (no final
 * chunk) rather than passing a truncated JSON as whole. */
static void write_json(FCGX_Request *fr, req_t *r) {
    if (!thread_out) thread_out = malloc(sizeof *thread_out);
    struct json_out *o = thread_out;
    if (!o) {
        shutdown(fr->ipcFd, SHUT_RDWR);
        return;
    }
    o->fr = fr;
    o->r = r;
    o->len = o->total = 0;
    o->streaming = o->failed = 0;
    o->count_only = is_head(r);
    int rc = json_dump_callback(r->out_json, json_out_put, o, RES_JSON_FLAGS);
    if (rc < 0 && !o->streaming && !o->failed) { /* out of memory before a byte went out */
        res_internal(r, "serializing the answer failed");
        put_head(fr, r, (long long)r->out.len);
        put_body(fr, r->out.data, r->out.len);
    } else if (rc < 0 || (o->streaming && put_records(fr, o->buf, o->len) < 0)) {
        shutdown(fr->ipcFd, SHUT_RDWR);
    } else if (!o->streaming) {
        put_head(fr, r, (long long)o->total);
        if (!o->count_only) put_body(fr, o->buf, o->len);
    }
}

static void write_response(FCGX_Request *fr, req_t *r) {
    if (r->out_json) {
        write_json(fr, r);
        return;
    }
    put_head(fr, r, (long long)r->out.len);
    /* HEAD answers carry no body: nginx passes HEAD to us unchanged. */
    if (!is_head(r)) put_body(fr, r->out.data, r->out.len);
}

static void log_request(const req_t *r, long us) {
    char ts[40];
    log_time(ts, sizeof ts);
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "{\"time\":\"%s\",\"level\":\"info\",\"request_id\":\"%s\",\"method\":\"", ts,
               r->request_id);
    buf_json_escape(&b, r->method ? r->method : "");
    buf_puts(&b, "\",\"route\":\"");
    buf_json_escape(&b, r->route ? r->route->pattern : "unmatched");
    buf_printf(&b, "\",\"status\":%d,\"duration_us\":%ld", r->status, us);
    if (r->user) {
        buf_puts(&b, ",\"user\":\"");
        buf_json_escape(&b, r->user->username);
        buf_puts(&b, "\"");
    }
    if (r->log_note) {
        buf_puts(&b, ",\"note\":\"");
        buf_json_escape(&b, r->log_note);
        buf_puts(&b, "\"");
    }
    buf_puts(&b, "}");
    if (b.data) log_line_later(b.data, b.len);
    buf_free(&b);
}

static void handle(const struct server_hooks *h, FCGX_Request *fr) {
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    req_t r;
    req_init(&r, fr->envp);
    r.in = fr->in;
    server_dispatch(h, &r);
    write_response(fr, &r);
    long us = elapsed_us(&t0);
    log_request(&r, us);
    metrics_observe(r.route ? (int)(r.route - h->routes) : -1, r.status, us);
    req_free(&r);
}

/* Connections belong to the process, not to a thread: every connection nginx keeps open waits
 * in one epoll set, armed for a single event, and a thread takes whichever has a request, answers
 * it and puts the connection back. Why (decision 223): libfcgi's own loop ties a thread to each
 * kept connection, blocked in read(2) until nginx sends on it, so nginx could keep only a few
 * (more would pin every thread), opened and closed the rest under load, and every request put
 * its thread to sleep and woke it again; context switches were a third of a worker's CPU. Now a
 * thread that finishes while another connection has a request takes it without sleeping, and an
 * idle kept connection costs no thread. libfcgi still reads and writes each request. */
static int conn_arm(int epfd, int fd, int op) {
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.fd = fd};
    return epoll_ctl(epfd, op, fd, &ev);
}

/* Connections spread over the workers (decision 225). Each worker's count of the connections it
 * holds lives in a page shared by all of them; a new connection wakes every worker, and one that
 * holds more than another live worker passes it to them. Why: with EPOLLEXCLUSIVE the kernel woke,
 * for each new connection, the first worker with a thread waiting, so one worker held 30 of the 33
 * connections nginx kept, served nearly every request and, killed, failed nearly all in flight. */
enum { SLOT_DEAD = INT_MAX };
static atomic_int *slot_conns; /* per worker slot; SLOT_DEAD while it has no process */
static int nslots, my_slot = -1;
static atomic_int listener_armed;   /* this worker's listener is in its set, armed */
static atomic_llong declined_since; /* ms: when this worker first passed a pending connection */

int server_slots_init(int nworkers) {
    if (nworkers < 1) return -1;
    void *p = mmap(NULL, (size_t)nworkers * sizeof *slot_conns, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
    slot_conns = p;
    nslots = nworkers;
    for (int i = 0; i < nworkers; i++) atomic_init(&slot_conns[i], SLOT_DEAD);
    return 0;
}

void server_slot_reset(int slot, int alive) {
    if (slot_conns && slot >= 0 && slot < nslots)
        atomic_store(&slot_conns[slot], alive ? 0 : SLOT_DEAD);
}

static void conns_add(int d) {
    if (slot_conns && my_slot >= 0) atomic_fetch_add(&slot_conns[my_slot], d);
}

/* Whether another live worker holds fewer connections than this one. */
static int holds_more(void) {
    if (!slot_conns || my_slot < 0) return 0;
    int mine = atomic_load(&slot_conns[my_slot]);
    for (int i = 0; i < nslots; i++) {
        int c = atomic_load(&slot_conns[i]);
        if (i != my_slot && c != SLOT_DEAD && c < mine) return 1;
    }
    return 0;
}

/* Marked armed before it is: once armed, the next connection may reach another thread at once,
 * which may pass it and mark the listener unarmed, and that mark must stand. */
static int listener_arm(int epfd, int listen_fd, int op) {
    atomic_store(&listener_armed, 1);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = listen_fd};
    int rc = epoll_ctl(epfd, op, listen_fd, &ev);
    if (rc < 0) atomic_store(&listener_armed, 0);
    return rc;
}

/* Takes one connection waiting on the (non-blocking) listener into the set, counted. The
 * accepted sockets stay blocking, as libfcgi expects. */
static void accept_one(int epfd, int listen_fd) {
    int fd;
    do fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
    while (fd < 0 && (errno == EINTR || errno == ECONNABORTED));
    if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            /* the listener stays readable: pause rather than spin until a descriptor frees */
            log_warn("accept: %s", strerror(errno));
            struct timespec ts = {0, 10 * 1000000L};
            nanosleep(&ts, NULL);
        }
        return; /* EAGAIN: another worker took it */
    }
    int one = 1; /* answers are whole records: do not hold them back (fails on unix sockets) */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (conn_arm(epfd, fd, EPOLL_CTL_ADD) < 0)
        close(fd);
    else
        conns_add(1);
}

/* A connection is pending, and every worker was woken for it: the one holding fewest takes it.
 * One holding more passes and leaves its listener unarmed until the main thread's next look
 * (rearm_listener); should the connection still wait by then (the others busy or gone), it is
 * taken all the same, so no connection waits more than about two looks. */
static void take_connection(struct worker_thread *wt) {
    long long now = clock_mono_ms(), since = atomic_load(&declined_since);
    if (holds_more() && (!since || now - since < server_cfg->stall_ms)) {
        if (!since) atomic_store(&declined_since, now);
        atomic_store(&listener_armed, 0);
        return;
    }
    atomic_store(&declined_since, 0);
    accept_one(wt->epfd, wt->listen_fd);
    if (listener_arm(wt->epfd, wt->listen_fd, EPOLL_CTL_MOD) < 0)
        log_warn("listener: %s", strerror(errno));
}

/* The main thread's look: a listener left unarmed is armed again; if nothing waits on it any
 * more, another worker took what this one passed. */
static void rearm_listener(int epfd, int listen_fd) {
    if (atomic_load(&listener_armed)) return;
    struct pollfd p = {listen_fd, POLLIN, 0};
    if (poll(&p, 1, 0) == 0) atomic_store(&declined_since, 0);
    if (listener_arm(epfd, listen_fd, EPOLL_CTL_MOD) < 0) log_warn("listener: %s", strerror(errno));
}

/* One request from a connection that epoll reported readable: libfcgi reads it from the socket
 * it is handed (keepConnection set so that it does not close it first), and leaves the socket
 * open after answering when nginx asked to keep it, which then goes back into the set. When nginx
 * closed the connection, libfcgi closes it and, having no listener of its own (-1), returns. */
static void serve_conn(struct worker_thread *wt, FCGX_Request *fr, int fd) {
    fr->ipcFd = fd;
    fr->keepConnection = 1;
    if (FCGX_Accept_r(fr) < 0) { /* libfcgi closed it */
        conns_add(-1);
        return;
    }
    handle(wt->hooks, fr);
    FCGX_Finish_r(fr);
    if (fr->ipcFd < 0) {
        conns_add(-1);
        return;
    }
    fd = fr->ipcFd;
    fr->ipcFd = -1;
    if (conn_arm(wt->epfd, fd, EPOLL_CTL_MOD) < 0) {
        close(fd);
        conns_add(-1);
    }
}

/* Admission: at most cfg->active_threads threads of a process take requests at a time, plus one
 * for each request running longer than cfg->stall_ms; the other threads wait parked. Why
 * (decision 224): a thread idle in epoll_wait is woken for each new request even when a busy one
 * would take it a few microseconds later, and every such wake is a context switch; with 2 of 8
 * threads admitted the health check costs 15-20 % less CPU. A slow request (a report, an export,
 * a row lock) must not hold up the quick ones behind it: the worker's main thread looks every
 * stall_ms and admits a parked thread for each request that has run longer. */
static pthread_mutex_t adm_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t adm_cv = PTHREAD_COND_INITIALIZER;
static int admitted, admit_max, stalled; /* under adm_mu */

static void admit(void) {
    pthread_mutex_lock(&adm_mu);
    while (admitted >= admit_max + stalled && !atomic_load(&stopping))
        pthread_cond_wait(&adm_cv, &adm_mu);
    admitted++;
    pthread_mutex_unlock(&adm_mu);
}

/* After a request: a thread admitted beyond the present limit (the stall it covered is over)
 * steps back and waits to be admitted again. */
static void readmit_if_over(void) {
    pthread_mutex_lock(&adm_mu);
    int over = admitted > admit_max + stalled;
    if (over) admitted--;
    pthread_mutex_unlock(&adm_mu);
    if (over) admit();
}

/* The main thread's look at the running requests: one extra admission per stalled request. */
static void watch_stalls(struct worker_thread *ts, int n) {
    long long now = clock_mono_ms(), limit = server_cfg->stall_ms;
    int count = 0;
    for (int i = 0; i < n; i++) {
        long long since = atomic_load(&ts[i].busy_since);
        if (since && now - since >= limit) count++;
    }
    pthread_mutex_lock(&adm_mu);
    int more = count > stalled;
    stalled = count;
    pthread_mutex_unlock(&adm_mu);
    if (more) pthread_cond_broadcast(&adm_cv);
}

static void *thread_main(void *arg) {
    struct worker_thread *wt = arg;
    FCGX_Request fr;
    FCGX_InitRequest(&fr, -1, FCGI_FAIL_ACCEPT_ON_INTR);
    if (wt->hooks->thread_start) wt->hooks->thread_start();
    admit();
    while (!atomic_load(&stopping)) {
        struct epoll_event ev;
        atomic_store(&wt->waiting, 1);
        /* the drain's signal interrupts the wait (EINTR) */
        int n = atomic_load(&stopping) ? 0 : epoll_wait(wt->epfd, &ev, 1, -1);
        atomic_store(&wt->waiting, 0);
        if (n <= 0) continue;
        if (ev.data.fd == wt->listen_fd) {
            take_connection(wt);
            continue;
        }
        atomic_store(&wt->busy_since, clock_mono_ms());
        serve_conn(wt, &fr, ev.data.fd);
        atomic_store(&wt->busy_since, 0);
        readmit_if_over();
    }
    FCGX_Free(&fr, 1);
    free(thread_out);
    thread_out = NULL;
    if (wt->hooks->thread_end) wt->hooks->thread_end();
    atomic_store(&wt->done, 1);
    return NULL;
}

/* The process's connection set, with the listener in it, armed for one new connection at a
 * time; every worker's set is woken by each new connection (decision 225). */
static int open_conn_set(int listen_fd) {
    int fl = fcntl(listen_fd, F_GETFL);
    if (fl < 0 || fcntl(listen_fd, F_SETFL, fl | O_NONBLOCK) < 0) return -1;
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) return -1;
    if (listener_arm(epfd, listen_fd, EPOLL_CTL_ADD) < 0) {
        close(epfd);
        return -1;
    }
    return epfd;
}

static void on_wake(int sig) {
    (void)sig;
}

int server_worker_main(const struct config *cfg, int listen_fd, int slot,
                       const struct server_hooks *hooks) {
    server_cfg = cfg;
    my_slot = slot;
    FCGX_Init();
    /* SIGTERM is taken synchronously by this thread; SIGUSR1 only interrupts epoll_wait(). */
    struct sigaction sa = {0};
    sa.sa_handler = on_wake;
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    int epfd = open_conn_set(listen_fd);
    if (epfd < 0 || router_index_init(&routes_ix, hooks->routes, hooks->nroutes) < 0) {
        log_error("cannot start the worker: %s", strerror(errno));
        if (epfd >= 0) close(epfd);
        return -1;
    }
    int n = cfg->threads;
    admit_max = cfg->active_threads < n ? cfg->active_threads : n;
    struct worker_thread *ts = calloc((size_t)n, sizeof *ts);
    for (int i = 0; i < n; i++) {
        ts[i].listen_fd = listen_fd;
        ts[i].epfd = epfd;
        ts[i].hooks = hooks;
        pthread_create(&ts[i].tid, NULL, thread_main, &ts[i]);
    }
    /* Waits for SIGTERM, looking every stall_ms meanwhile for stalled requests and an unarmed
     * listener. */
    struct timespec tick = {cfg->stall_ms / 1000, (long)(cfg->stall_ms % 1000) * 1000000L};
    while (sigtimedwait(&set, NULL, &tick) < 0) {
        watch_stalls(ts, n);
        rearm_listener(epfd, listen_fd);
        log_flush_aged(clock_mono_ms());
    }
    atomic_store(&stopping, 1);
    pthread_cond_broadcast(&adm_cv);
    FCGX_ShutdownPending();
    /* Drain: threads busy with a request finish it; idle ones are woken out of epoll_wait(). */
    for (int waited = 0; waited < 300; waited++) {
        int alive = 0;
        for (int i = 0; i < n; i++) {
            if (atomic_load(&ts[i].done)) continue;
            alive++;
            if (atomic_load(&ts[i].waiting)) pthread_kill(ts[i].tid, SIGUSR1);
        }
        pthread_cond_broadcast(&adm_cv);
        if (!alive) break;
        usleep(50000);
    }
    for (int i = 0; i < n; i++)
        if (atomic_load(&ts[i].done)) pthread_join(ts[i].tid, NULL);
    free(ts);
    close(epfd);
    router_index_free(&routes_ix);
    log_flush();
    return 0;
}

/* Seeded dossier generator for the benchmarks and tests: NDJSON (or CSV) on stdout.
 *
 *   gen_dossiers --units CODE[:WEIGHT],... [--procedures CODE[:WEIGHT],...] [--seed 766]
 *                [--start 0] [--count 1000] [--from 2023-11-01] [--to 2026-10-31]
 *                [--prefix B] [--csv] [--total N] [--random]
 *
 * --procedures: the procedure codes the dossiers name (weights as for --units), e.g. the
 * catalogue's in-force procedures, so that the dossiers fall into its fields; without it the
 * codes are 1.001000 .. 1.001299. Either way a row takes the same random draw for its procedure,
 * so every other column of a row is the same with or without the option.
 *
 * Row i depends only on (seed, i, total), so a data set can be produced in any number of
 * slices (--start, --count) in parallel and is the same every time. Rows come in the order
 * of reception, as a one-stop system exports them: row i of --total N is received on day
 * from + i * days / N; --random spreads each row over the whole range instead. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mix(uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

struct rng {
    uint64_t s;
};

static uint64_t next(struct rng *r) {
    r->s = mix(r->s);
    return r->s;
}

static double unit(struct rng *r) {
    return (double)(next(r) >> 11) / 9007199254740992.0;
}

static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* Local (+07:00) wall seconds -> ISO 8601 with the offset; a few rows use UTC ("Z") or another
 * offset for the same instant, as feeds from different systems do. */
static void iso(long long t, int style, char *out) {
    long long shift = style == 1 ? -7 * 3600 : style == 2 ? -5 * 3600 : 0;
    long long w = t + shift;
    long day = (long)(w / 86400);
    long sec = (long)(w % 86400);
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    const char *off = style == 1 ? "Z" : style == 2 ? "+02:00" : "+07:00";
    sprintf(out, "%04d-%02d-%02dT%02ld:%02ld:%02ld%s", y, m, d, sec / 3600, sec / 60 % 60, sec % 60,
            off);
}

/* A weighted list "CODE[:WEIGHT],...": codes[i] with cumulative weights cum[i] (arrays of
 * cap entries; the text is split in place). Returns the count, 0 when empty. */
static int parse_weighted(char *list, char **codes, double *cum, int cap) {
    double total = 0;
    int n = 0;
    for (char *tok = strtok(list, ","); tok && n < cap; tok = strtok(NULL, ",")) {
        char *colon = strchr(tok, ':');
        double w = 1;
        if (colon) {
            *colon = 0;
            w = atof(colon + 1);
        }
        codes[n] = tok;
        total += w;
        cum[n++] = total;
    }
    return n;
}

/* The index whose cumulative weight first exceeds x (x in [0, cum[n-1])). */
static int pick(const double *cum, int n, double x) {
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (cum[mid] > x) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

static int parse_date(const char *s, long *out) {
    int y, m, d;
    if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3) return -1;
    *out = days_from_civil(y, m, d);
    return 0;
}

int main(int argc, char **argv) {
    const char *units_arg = NULL, *procs_arg = NULL, *prefix = "B";
    uint64_t seed = 766;
    long long start = 0, count = 1000;
    long d0 = days_from_civil(2023, 11, 1), d1 = days_from_civil(2026, 10, 31);
    int csv = 0, random_order = 0;
    long long total_rows = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--csv")) {
            csv = 1;
            continue;
        }
        if (!strcmp(a, "--random")) {
            random_order = 1;
            continue;
        }
        if (!v) goto usage;
        i++;
        if (!strcmp(a, "--units")) units_arg = v;
        else if (!strcmp(a, "--procedures")) procs_arg = v;
        else if (!strcmp(a, "--seed")) seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--start")) start = strtoll(v, NULL, 10);
        else if (!strcmp(a, "--count")) count = strtoll(v, NULL, 10);
        else if (!strcmp(a, "--total")) total_rows = strtoll(v, NULL, 10);
        else if (!strcmp(a, "--prefix")) prefix = v;
        else if (!strcmp(a, "--from")) {
            if (parse_date(v, &d0)) goto usage;
        } else if (!strcmp(a, "--to")) {
            if (parse_date(v, &d1)) goto usage;
        } else goto usage;
    }
    if (!units_arg || d1 < d0) goto usage;
    /* units with weights (expected share of the dossiers) */
    static char *codes[4096];
    static double cum[4096];
    int nu = parse_weighted(strdup(units_arg), codes, cum, 4096);
    if (nu == 0) goto usage;
    double total = cum[nu - 1];
    /* procedure codes with weights (optional) */
    static char *pcodes[65536];
    static double pcum[65536];
    int np = procs_arg ? parse_weighted(strdup(procs_arg), pcodes, pcum, 65536) : 0;
    if (procs_arg && np == 0) goto usage;
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    if (csv)
        puts("code,procedure_code,unit_code,channel,online_level,received_at,due_at,finished_at,"
             "returned_at,status,supplement_count,digitized,result_electronic,reused_data,fee,"
             "paid_online,rating,apology_issued");
    long span = d1 - d0 + 1;
    if (total_rows < start + count) total_rows = start + count;
    for (long long i = start; i < start + count; i++) {
        struct rng r = {mix(seed ^ mix((uint64_t)i * 0x2545F4914F6CDD1DULL))};
        int lo = pick(cum, nu, unit(&r) * total);
        const char *uc = codes[lo];
        /* unit quality, fixed per unit, so that rankings are stable */
        struct rng ur = {mix(seed ^ (uint64_t)lo * 7919)};
        double quality = 0.55 + 0.4 * unit(&ur);
        long day;
        if (random_order) {
            do day = d0 + (long)(next(&r) % (uint64_t)span);
            while (((day % 7) + 7 + 3) % 7 >= 5 && unit(&r) < 0.85); /* few on weekends */
        } else {
            day = d0 + (long)((double)i * (double)span / (double)total_rows);
        }
        double progress = (double)(day - d0) / (double)span;
        long long recv = (long long)day * 86400 + 7 * 3600 + (long long)(next(&r) % (10 * 3600));
        /* some near midnight, to exercise local-date edges */
        if (unit(&r) < 0.02) recv = (long long)day * 86400 + 86400 - 1 - (long long)(next(&r) % 120);
        int limit = 1 + (int)(next(&r) % 20);
        long long due = (long long)(day + limit + 2 * (limit / 5)) * 86400 + 17 * 3600;
        int no_due = unit(&r) < 0.03;
        double late_p = 0.03 + 0.25 * (1 - quality) * (1 - 0.5 * progress);
        long long took;
        if (unit(&r) < late_p) took = (due - recv) + 3600 + (long long)(next(&r) % (12 * 86400));
        else took = (long long)((double)(due - recv) * unit(&r));
        if (took < 600) took = 600;
        long long fin = recv + took;
        int finished = fin < ((long long)d1 + 1) * 86400 && unit(&r) < 0.97;
        int sc = unit(&r) < 0.08 ? 1 + (unit(&r) < 0.3) : 0;
        double oc = unit(&r);
        double online_p = 0.2 + 0.55 * progress * quality;
        const char *channel = oc < online_p ? "online" : oc < online_p + 0.05 ? "postal" : "direct";
        const char *level = !strcmp(channel, "online") ? (unit(&r) < 0.6 ? "full" : "partial") : NULL;
        const char *status = "processing";
        const char *rating = NULL;
        int digitized = unit(&r) < 0.3 + 0.6 * progress * quality;
        int electronic = unit(&r) < 0.4 + 0.5 * progress;
        int apology = 0;
        if (finished) {
            double s = unit(&r);
            status = s < 0.93 ? "finished" : s < 0.97 ? "rejected" : "withdrawn";
            double q = unit(&r);
            if (q < 0.6) {
                double g = unit(&r);
                rating = g < 0.7 + 0.25 * quality ? "satisfied" : g < 0.9 + 0.05 * quality ? "normal" : "unsatisfied";
            }
            apology = unit(&r) < 0.3 + 0.6 * quality;
        } else if (sc) {
            status = "supplement";
        }
        long long fee = unit(&r) < 0.45 ? 10000LL * (long long)(1 + next(&r) % 30) : 0;
        int paid = fee && unit(&r) < 0.2 + 0.6 * progress;
        int style = unit(&r) < 0.05 ? 1 + (int)(next(&r) % 2) : 0;
        char rs[40], ds[40], fs[40], ts[40];
        iso(recv, style, rs);
        iso(due, 0, ds);
        iso(fin, style, fs);
        iso(fin + 1800, 0, ts);
        int y, m, d;
        civil_from_days(day, &y, &m, &d);
        char code[80];
        snprintf(code, sizeof code, "%s%s-%02d%02d%02d-%09lld", prefix, uc, y % 100, m, d, i);
        /* one draw either way, so the columns after it stay the same with --procedures */
        uint64_t pd = next(&r);
        char proc[64];
        if (np)
            snprintf(proc, sizeof proc, "%s",
                     pcodes[pick(pcum, np, (double)(pd >> 11) / 9007199254740992.0 * pcum[np - 1])]);
        else
            snprintf(proc, sizeof proc, "1.%06d", (int)(1000 + pd % 300));
        if (csv) {
            printf("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%d,%lld,%d,%s,%d\n", code, proc, uc,
                   channel, level ? level : "", rs, no_due ? "" : ds, finished ? fs : "",
                   finished ? ts : "", status, sc, digitized, electronic, unit(&r) < 0.3, fee,
                   paid, rating ? rating : "", apology);
            continue;
        }
        printf("{\"code\":\"%s\",\"procedure_code\":\"%s\",\"unit_code\":\"%s\",\"channel\":\"%s\","
               "\"online_level\":%s%s%s,\"received_at\":\"%s\",\"due_at\":%s%s%s,"
               "\"finished_at\":%s%s%s,\"returned_at\":%s%s%s,\"status\":\"%s\","
               "\"supplement_count\":%d,\"digitized\":%s,\"result_electronic\":%s,"
               "\"reused_data\":%s,\"fee\":%lld,\"paid_online\":%s,\"rating\":%s%s%s,"
               "\"apology_issued\":%s}\n",
               code, proc, uc, channel, level ? "\"" : "", level ? level : "null",
               level ? "\"" : "", rs, no_due ? "" : "\"", no_due ? "null" : ds, no_due ? "" : "\"",
               finished ? "\"" : "", finished ? fs : "null", finished ? "\"" : "",
               finished ? "\"" : "", finished ? ts : "null", finished ? "\"" : "", status, sc,
               digitized ? "true" : "false", electronic ? "true" : "false",
               unit(&r) < 0.3 ? "true" : "false", fee, paid ? "true" : "false",
               rating ? "\"" : "", rating ? rating : "null", rating ? "\"" : "",
               apology ? "true" : "false");
    }
    return 0;
usage:
    fprintf(stderr, "usage: gen_dossiers --units CODE[:WEIGHT],... [--procedures CODE[:WEIGHT],...] "
                    "[--seed N] [--start N] [--count N] [--total N] [--from YYYY-MM-DD] "
                    "[--to YYYY-MM-DD] [--prefix P] [--csv] [--random]\n");
    return 2;
}

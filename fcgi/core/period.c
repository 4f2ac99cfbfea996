/* period: proleptic Gregorian dates, working-day arithmetic, reporting periods and cut-offs. */
#include "core/period.h"

/* 1970-01-01 was a Thursday; 1970-01-05 the first Monday. */
#define EPOCH_WEEKDAY 3
#define FIRST_MONDAY  4

static int is_leap(long y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Division rounding toward minus infinity, so weeks before 1970 count like those after. */
static long floor_div(long a, long b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int ymd_valid(struct ymd t) {
    return t.y >= 1 && t.y <= 9999 && t.m >= 1 && t.m <= 12 && t.d >= 1 &&
           t.d <= days_in_month(t.y, t.m);
}

int ymd_cmp(struct ymd a, struct ymd b) {
    if (a.y != b.y) return a.y < b.y ? -1 : 1;
    if (a.m != b.m) return a.m < b.m ? -1 : 1;
    if (a.d != b.d) return a.d < b.d ? -1 : 1;
    return 0;
}

/* H. Hinnant's days_from_civil: years start in March so the leap day comes last. */
long ymd_to_days(struct ymd t) {
    long y = (long)t.y - (t.m <= 2);
    long era = floor_div(y, 400);
    long yoe = y - era * 400;
    long mp = t.m > 2 ? t.m - 3 : t.m + 9;
    long doy = (153 * mp + 2) / 5 + t.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* H. Hinnant's civil_from_days, the inverse of ymd_to_days. */
struct ymd days_to_ymd(long z) {
    z += 719468;
    long era = floor_div(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    struct ymd r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(yoe + era * 400 + (r.m <= 2));
    return r;
}

static int weekday_of(long days) {
    return (int)((days % 7 + 7 + EPOCH_WEEKDAY) % 7);
}

int ymd_weekday(struct ymd t) {
    return weekday_of(ymd_to_days(t));
}

static int digits(const char *s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int ymd_parse(const char *s, struct ymd *out) {
    struct ymd t;
    if (!s || !out) return -1;
    for (int i = 0; i < 10; i++)
        if (s[i] == '\0') return -1; /* also keeps the reads below inside the string */
    if (s[10] != '\0' || s[4] != '-' || s[7] != '-') return -1;
    if (digits(s, 4, &t.y) || digits(s + 5, 2, &t.m) || digits(s + 8, 2, &t.d)) return -1;
    if (!ymd_valid(t)) return -1;
    *out = t;
    return 0;
}

int ym_parse(const char *s, struct ymd *first) {
    struct ymd t = {0, 0, 1};
    if (!s || !first) return -1;
    for (int i = 0; i < 7; i++)
        if (s[i] == '\0') return -1; /* also keeps the reads below inside the string */
    if (s[7] != '\0' || s[4] != '-') return -1;
    if (digits(s, 4, &t.y) || digits(s + 5, 2, &t.m) || !ymd_valid(t)) return -1;
    *first = t;
    return 0;
}

/* 1 or 2 digits at *s (advanced past them) into *out; -1 when there are none or more. */
static int short_number(const char **s, int *out) {
    int n = 0;
    while (n < 3 && (*s)[n] >= '0' && (*s)[n] <= '9') n++;
    if (n == 0 || n > 2 || digits(*s, n, out) < 0) return -1;
    *s += n;
    return 0;
}

int ymd_parse_dmy(const char *s, struct ymd *out) {
    struct ymd t;
    if (!s || !out || short_number(&s, &t.d) < 0) return -1;
    char sep = *s;
    if (sep != '/' && sep != '-') return -1;
    s++;
    if (short_number(&s, &t.m) < 0 || *s != sep) return -1;
    s++;
    for (int i = 0; i < 4; i++)
        if (s[i] == '\0') return -1;
    if (s[4] != '\0' || digits(s, 4, &t.y) < 0 || !ymd_valid(t)) return -1;
    *out = t;
    return 0;
}

static void put_digits(char *p, int v, int width) {
    for (int i = width - 1; i >= 0; i--, v /= 10) p[i] = (char)('0' + v % 10);
}

void ymd_format(struct ymd t, char out[11]) {
    if (!ymd_valid(t)) t.y = t.m = t.d = 0;
    put_digits(out, t.y, 4);
    out[4] = '-';
    put_digits(out + 5, t.m, 2);
    out[7] = '-';
    put_digits(out + 8, t.d, 2);
    out[10] = '\0';
}

struct ymd ymd_last_of_month(int y, int m) {
    struct ymd r = {0, 0, 0};
    if (m < 1 || m > 12) return r;
    r.y = y;
    r.m = m;
    r.d = days_in_month(y, m);
    return r;
}

/* ---- working days ---- */

/* Does the ascending list v hold x? */
static int listed(const long *v, size_t n, long x) {
    size_t lo = 0, hi = v ? n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else if (v[mid] > x)
            hi = mid;
        else
            return 1;
    }
    return 0;
}

/* Index of the first element of the ascending list v that is > x. */
static size_t first_after(const long *v, size_t n, long x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int is_working_day(struct ymd t, const struct holidays *h) {
    long x = ymd_to_days(t);
    if (h && listed(h->days, h->n, x)) return 0;
    if (h && listed(h->workdays, h->nwork, x)) return 1;
    return weekday_of(x) < 5;
}

/* Mon-Fri days up to and including day x, counted from an arbitrary origin. */
static long weekdays_upto(long x) {
    long t = x - FIRST_MONDAY;
    long w = floor_div(t, 7), r = t - 7 * w; /* r: 0 = Monday */
    return w * 5 + (r < 5 ? r + 1 : 5);
}

/* Holidays in (a, b] that fall Mon-Fri: each one takes a working day away. */
static long weekday_holidays(long a, long b, const struct holidays *h) {
    long c = 0;
    if (!h->days) return 0;
    for (size_t i = first_after(h->days, h->n, a); i < h->n && h->days[i] <= b; i++)
        if ((i == 0 || h->days[i] != h->days[i - 1]) && weekday_of(h->days[i]) < 5) c++;
    return c;
}

/* Working weekend days in (a, b] that are not also holidays: each one adds a working day. */
static long weekend_workdays(long a, long b, const struct holidays *h) {
    long c = 0;
    const long *w = h->workdays;
    if (!w) return 0;
    for (size_t i = first_after(w, h->nwork, a); i < h->nwork && w[i] <= b; i++)
        if ((i == 0 || w[i] != w[i - 1]) && weekday_of(w[i]) >= 5 && !listed(h->days, h->n, w[i]))
            c++;
    return c;
}

/* Working days in (a, b], a <= b, without walking the days one by one. */
static long count_working(long a, long b, const struct holidays *h) {
    long c = weekdays_upto(b) - weekdays_upto(a);
    if (h) c += weekend_workdays(a, b, h) - weekday_holidays(a, b, h);
    return c;
}

/*
 * Jump by the number of working days still needed: a stretch of k days holds at most k
 * working days, so we never overshoot, and when the last jump of k days yielded k working
 * days its last day is the one sought. The gap shrinks geometrically (about 2/7 per step).
 */
static long forward(long start, long n, const struct holidays *h) {
    long b = start, got = 0;
    while (got < n) {
        long next = b + (n - got);
        got += count_working(b, next, h);
        b = next;
    }
    return b;
}

/* Mirror of forward: the n-th working day before start, counting the days [b, start). */
static long backward(long start, long n, const struct holidays *h) {
    long b = start, got = 0;
    while (got < n) {
        long next = b - (n - got);
        got += count_working(next - 1, b - 1, h);
        b = next;
    }
    return b;
}

struct ymd add_working_days(struct ymd start, int n, const struct holidays *h) {
    long s = ymd_to_days(start);
    if (n == 0) return start;
    return days_to_ymd(n > 0 ? forward(s, n, h) : backward(s, -(long)n, h));
}

int working_days_between(struct ymd a, struct ymd b, const struct holidays *h) {
    long x = ymd_to_days(a), y = ymd_to_days(b);
    return (int)(y >= x ? count_working(x, y, h) : -count_working(y, x, h));
}

/* ---- reporting periods ---- */

/* First and last month of a period; -1 when the kind or index is out of range. */
static int period_months(enum period_kind k, int index, int *first, int *last) {
    int len;
    switch (k) {
    case PERIOD_MONTH:
        len = 1;
        break;
    case PERIOD_QUARTER:
        len = 3;
        break;
    case PERIOD_HALF:
        len = 6;
        break;
    case PERIOD_YEAR:
        len = 12, index = 1;
        break;
    default:
        return -1;
    }
    if (index < 1 || index > 12 / len) return -1;
    *last = index * len;
    *first = *last - len + 1;
    return 0;
}

static void set_invalid(struct ymd *from, struct ymd *to) {
    struct ymd z = {0, 0, 0};
    if (from) *from = z;
    if (to) *to = z;
}

void period_bounds(enum period_kind k, int year, int index, struct ymd *from, struct ymd *to) {
    int first, last;
    if (year < 1 || year > 9999 || period_months(k, index, &first, &last)) {
        set_invalid(from, to);
        return;
    }
    if (from) *from = (struct ymd){year, first, 1};
    if (to) *to = ymd_last_of_month(year, last);
}

/* The last day of month (y, m) whose data belongs to that month's reporting window. */
static struct ymd cutoff_of_month(int y, int m, const struct period_rules *r) {
    struct ymd c = ymd_last_of_month(y, m);
    if (r && r->cutoff_day > 0 && r->cutoff_day < c.d) c.d = r->cutoff_day;
    return c;
}

void period_cutoff_window(enum period_kind k, int year, int index, const struct period_rules *r,
                          struct ymd *from, struct ymd *to) {
    int first, last;
    if (year < 2 || year > 9999 || period_months(k, index, &first, &last)) {
        set_invalid(from, to); /* year 1 would start in year 0 */
        return;
    }
    struct ymd prev =
        first == 1 ? cutoff_of_month(year - 1, 12, r) : cutoff_of_month(year, first - 1, r);
    if (from) *from = days_to_ymd(ymd_to_days(prev) + 1);
    if (to) *to = cutoff_of_month(year, last, r);
}

int period_index_of(enum period_kind k, struct ymd t) {
    if (!ymd_valid(t)) return 0;
    switch (k) {
    case PERIOD_MONTH:
        return t.m;
    case PERIOD_QUARTER:
        return (t.m - 1) / 3 + 1;
    case PERIOD_HALF:
        return (t.m - 1) / 6 + 1;
    case PERIOD_YEAR:
        return 1;
    default:
        return 0;
    }
}

int period_cutoff_index_of(enum period_kind k, struct ymd t, const struct period_rules *r,
                           int *year) {
    if (!ymd_valid(t)) return 0;
    /* a day after its month's cut-off is reported with the next month */
    if (t.d > cutoff_of_month(t.y, t.m, r).d) {
        t.d = 1;
        if (++t.m > 12) t.m = 1, t.y++;
    }
    if (year) *year = t.y;
    return period_index_of(k, t);
}

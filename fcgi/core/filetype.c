/* What an uploaded file really is, by its bytes (never by its name). Pure. */
#include "core/filetype.h"

#include <string.h>
#include <strings.h>

static int starts(const unsigned char *d, size_t n, const char *magic, size_t m) {
    return n >= m && memcmp(d, magic, m) == 0;
}

/* An OOXML package names its main part in the zip directory; look for it in the bytes. */
static int contains(const unsigned char *d, size_t n, const char *s) {
    size_t m = strlen(s);
    for (size_t i = 0; i + m <= n; i++)
        if (d[i] == (unsigned char)s[0] && memcmp(d + i, s, m) == 0) return 1;
    return 0;
}

enum filetype filetype_detect(const unsigned char *d, size_t n) {
    if (starts(d, n, "%PDF-", 5)) return FT_PDF;
    if (starts(d, n, "\x89PNG\r\n\x1a\n", 8)) return FT_PNG;
    if (starts(d, n, "\xff\xd8\xff", 3)) return FT_JPEG;
    if (starts(d, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8)) return FT_DOC_OR_XLS;
    if (starts(d, n, "PK\x03\x04", 4) && contains(d, n, "[Content_Types].xml")) {
        if (contains(d, n, "word/")) return FT_DOCX;
        if (contains(d, n, "xl/")) return FT_XLSX;
    }
    return FT_UNKNOWN;
}

const char *filetype_mime(enum filetype t) {
    switch (t) {
    case FT_PDF:
        return "application/pdf";
    case FT_PNG:
        return "image/png";
    case FT_JPEG:
        return "image/jpeg";
    case FT_DOCX:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FT_XLSX:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case FT_DOC_OR_XLS:
        return "application/octet-stream";
    default:
        return NULL;
    }
}

int filetype_name_matches(const char *name, enum filetype t) {
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (!dot) return 0;
    const char *e = dot + 1;
    switch (t) {
    case FT_PDF:
        return strcasecmp(e, "pdf") == 0;
    case FT_PNG:
        return strcasecmp(e, "png") == 0;
    case FT_JPEG:
        return strcasecmp(e, "jpg") == 0 || strcasecmp(e, "jpeg") == 0;
    case FT_DOCX:
        return strcasecmp(e, "docx") == 0;
    case FT_XLSX:
        return strcasecmp(e, "xlsx") == 0;
    case FT_DOC_OR_XLS:
        return strcasecmp(e, "doc") == 0 || strcasecmp(e, "xls") == 0;
    default:
        return 0;
    }
}

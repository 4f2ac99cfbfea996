/* What an uploaded file really is, by its bytes (never by its name). Pure. */
#ifndef KSTT_FILETYPE_H
#define KSTT_FILETYPE_H
#include <stddef.h>

enum filetype { FT_UNKNOWN, FT_PDF, FT_PNG, FT_JPEG, FT_DOCX, FT_XLSX, FT_DOC_OR_XLS };

enum filetype filetype_detect(const unsigned char *data, size_t len);
/* MIME type of a detected type ("application/pdf"...), NULL for FT_UNKNOWN. */
const char *filetype_mime(enum filetype t);
/* 1 when the file name's extension agrees with the detected type (pdf; png; jpg/jpeg; docx;
 * xlsx; doc/xls). A renamed file (an .exe called .pdf) fails here. */
int filetype_name_matches(const char *name, enum filetype t);

#endif

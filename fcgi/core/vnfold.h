/* vnfold: fold Vietnamese UTF-8 text for accent-insensitive search ("Đất Đai" -> "dat dai"). */
#ifndef KSTT_CORE_VNFOLD_H
#define KSTT_CORE_VNFOLD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Folds in[0..inlen) into out: tone and vowel marks removed (NFC and NFD input give the same
 * result), đ/Đ -> d, letters lower-cased, punctuation and symbols -> one space, whitespace
 * collapsed, leading/trailing space trimmed. Letters of other scripts are copied unchanged.
 * Invalid UTF-8 bytes are skipped. The output is valid UTF-8, never longer than the input,
 * NUL-terminated, and cut at a character boundary (never after a space) when outcap is too
 * small. Returns the number of bytes written before the NUL (0 when outcap is 0).
 * Pure and thread-safe.
 */
size_t vnfold(const char *in, size_t inlen, char *out, size_t outcap);

/* Folds the NUL-terminated string in (NULL is taken as ""); malloc'd, caller frees; NULL on OOM. */
char *vnfold_dup(const char *in);

/*
 * Splits folded text into words at spaces: tok[i] points into folded, toklen[i] is its length.
 * Stores at most max words and returns how many were stored.
 */
int vnfold_tokens(const char *folded, const char **tok, size_t *toklen, int max);

/* The lower-case ASCII base of one letter code point (ế -> e, Đ -> d, A -> a), 0 when cp is not a
 * Latin letter (digits, marks, punctuation). For parsers that fold as they scan. */
char vnfold_letter(uint32_t cp);

/* 1 when cp is an upper-case letter of the Vietnamese alphabet (Latin-1, Extended-A, Ơ, Ư and the
 * Vietnamese block: A, Đ, Ế), 0 otherwise. For telling capitals and abbreviations apart. */
int vnfold_upper(uint32_t cp);

#endif

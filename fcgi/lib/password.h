/* Password hashing with argon2id (encoded PHC strings). */
#ifndef KSTT_PASSWORD_H
#define KSTT_PASSWORD_H

/* Returns a malloc'd encoded hash, or NULL. t = passes, m_kib = memory. */
char *password_hash(const char *password, int t, int m_kib);
/* 1 when password matches the encoded hash, 0 otherwise. */
int password_verify(const char *encoded, const char *password);
/* Vietnamese message when the password is too weak for a new password, else NULL. */
const char *password_weakness(const char *password);

#endif

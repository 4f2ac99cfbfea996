/* Password hashing with argon2id (encoded PHC strings). */
#include "lib/password.h"

#include <argon2.h>
#include <ctype.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

char *password_hash(const char *password, int t, int m_kib) {
    unsigned char salt[16];
    if (RAND_bytes(salt, sizeof salt) != 1) return NULL;
    size_t len = argon2_encodedlen((uint32_t)t, (uint32_t)m_kib, 1, sizeof salt, 32, Argon2_id);
    char *out = malloc(len);
    if (!out) return NULL;
    if (argon2id_hash_encoded((uint32_t)t, (uint32_t)m_kib, 1, password, strlen(password), salt,
                              sizeof salt, 32, out, len) != ARGON2_OK) {
        free(out);
        return NULL;
    }
    return out;
}

int password_verify(const char *encoded, const char *password) {
    if (!encoded || !password || strncmp(encoded, "$argon2id$", 10) != 0) return 0;
    return argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
}

const char *password_weakness(const char *pw) {
    size_t n = strlen(pw);
    if (n < 8) return "Mật khẩu phải có ít nhất 8 ký tự.";
    if (n > 128) return "Mật khẩu không được dài quá 128 ký tự.";
    int lower = 0, upper = 0, digit = 0, other = 0;
    for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
        if (islower(*p))
            lower = 1;
        else if (isupper(*p))
            upper = 1;
        else if (isdigit(*p))
            digit = 1;
        else
            other = 1;
    }
    if (lower + upper + digit + other < 3)
        return "Mật khẩu cần có ít nhất ba trong bốn loại: chữ thường, chữ hoa, chữ số, ký tự đặc "
               "biệt.";
    return NULL;
}

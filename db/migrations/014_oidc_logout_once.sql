-- 014: a back-channel logout token works once. Its jti (stored as a SHA-256 of provider and jti)
-- is kept until the token expires, so a replayed token cannot end the sessions a person opened
-- after that logout; the oidc-logins-purge job drops the expired rows.
CREATE TABLE IF NOT EXISTS oidc_logout_tokens (
  jti_hash CHAR(64) NOT NULL PRIMARY KEY,
  expires_at DATETIME NOT NULL,
  KEY ix_oidc_logout_tokens_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 013: single sign-on in the browser (OpenID Connect authorization code flow with PKCE).

-- One row per sign-in started at a provider: the state (stored as its SHA-256, as the refresh
-- tokens are), the nonce and the PKCE code_verifier that only the server knows, and where to go
-- afterwards. The callback deletes the row it uses, so a state works once; rows nobody came back
-- for are purged by the scheduler's oidc-logins-purge job.
CREATE TABLE IF NOT EXISTS oidc_logins (
  state_hash CHAR(64) NOT NULL PRIMARY KEY,
  provider VARCHAR(32) NOT NULL,
  nonce VARCHAR(64) NOT NULL,
  code_verifier VARCHAR(128) NOT NULL,
  return_to VARCHAR(512) NOT NULL,
  expires_at DATETIME NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_oidc_logins_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A session opened through a provider keeps who the provider said it was (sub, and its own
-- session id sid) for back-channel logout, and the ID token for RP-initiated logout
-- (id_token_hint).
ALTER TABLE sessions
  ADD COLUMN IF NOT EXISTS oidc_provider VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS oidc_sub VARCHAR(255) NULL,
  ADD COLUMN IF NOT EXISTS oidc_sid VARCHAR(255) NULL,
  ADD COLUMN IF NOT EXISTS id_token TEXT NULL,
  ADD KEY IF NOT EXISTS ix_sessions_oidc_sub (oidc_provider, oidc_sub),
  ADD KEY IF NOT EXISTS ix_sessions_oidc_sid (oidc_provider, oidc_sid);

-- 024_feedback_follow: a published answer can be corrected by the coordinator (issue 16), and a
-- person can follow a published item to be mailed when it changes. The previous text of a
-- corrected answer is kept as evidence on the correction's event row (before_text/after_text).
ALTER TABLE feedback
  ADD COLUMN IF NOT EXISTS corrected_at DATETIME NULL
    COMMENT 'when the published answer was last corrected',
  ADD COLUMN IF NOT EXISTS correction_reason VARCHAR(2000) NULL
    COMMENT 'why it was corrected (shown with the answer)';

ALTER TABLE feedback_events
  ADD COLUMN IF NOT EXISTS before_text MEDIUMTEXT NULL
    COMMENT 'a correction: the answer as it was',
  ADD COLUMN IF NOT EXISTS after_text MEDIUMTEXT NULL
    COMMENT 'a correction: the answer as corrected';

-- Followers are not evidence: a row goes when its unsubscribe link is used. The token is derived
-- (HMAC of the row id) and only its SHA-256 is stored, so a database read cannot unsubscribe.
-- The feedback row is never deleted (feedback is evidence), so RESTRICT costs nothing.
CREATE TABLE IF NOT EXISTS feedback_follows (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  feedback_id BIGINT NOT NULL,
  email VARCHAR(254) NOT NULL COMMENT 'the address as typed (mail goes here)',
  email_key VARCHAR(254) NOT NULL COMMENT 'the normalised address (unique per item)',
  token_hash CHAR(64) NULL COMMENT 'SHA-256 hex of the unsubscribe token',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_feedback_follows (feedback_id, email_key),
  UNIQUE KEY uq_feedback_follows_token (token_hash),
  CONSTRAINT fk_feedback_follows FOREIGN KEY (feedback_id) REFERENCES feedback (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Abuse limits on the public side (issue 11, items 4 and 6): the phone number key for the
-- per-number ceiling, an unconfirmed address kept apart from the one mail goes to, one-time codes
-- that confirm an address, the ceilings in the feedback rule set, and an index the upload sweep
-- uses to tell referenced files from orphans.
ALTER TABLE feedback
  ADD COLUMN IF NOT EXISTS phone_key VARCHAR(16) NULL AFTER phone,
  ADD COLUMN IF NOT EXISTS email_unconfirmed VARCHAR(254) NULL AFTER email;

ALTER TABLE feedback ADD INDEX IF NOT EXISTS ix_feedback_phone_key (phone_key, received_at);

ALTER TABLE task_updates ADD INDEX IF NOT EXISTS ix_updates_attachment (attachment_sha256);

-- Digits only, +84 as 0 (core/abuse.c phone_key); rows before this migration.
UPDATE feedback SET phone_key = IF(REGEXP_REPLACE(phone, '[^0-9]', '') REGEXP '^84[0-9]{9}$',
  CONCAT('0', SUBSTRING(REGEXP_REPLACE(phone, '[^0-9]', ''), 3)), REGEXP_REPLACE(phone, '[^0-9]', ''))
  WHERE phone_key IS NULL;

-- A code mailed to an address the sender typed; the receipt goes there only once it comes back.
CREATE TABLE IF NOT EXISTS public_email_codes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  code_hash CHAR(64) NOT NULL,
  expires_at DATETIME NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  used_at DATETIME NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_email_codes_email (email, created_at),
  KEY ix_email_codes_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ceilings (editable like the time limits: a new rule_sets row or an update of this one).
UPDATE rule_sets SET rules_json = JSON_SET(rules_json,
    '$.public_per_phone_day', 5, '$.public_per_hour', 200, '$.public_per_day', 1000,
    '$.email_codes_per_address_day', 3, '$.email_codes_per_hour', 100)
  WHERE name = 'feedback' AND JSON_EXTRACT(rules_json, '$.public_per_phone_day') IS NULL;

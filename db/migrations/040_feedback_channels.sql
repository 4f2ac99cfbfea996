-- 040_feedback_channels: feedback from every channel (issue 20). Staff record feedback received
-- by phone, letter, in person, e-mail or the hotline; signed reply letters attach to answers; a
-- published item can be reopened with a reason; the public contact lives in settings; each
-- item's clocks use the `feedback` rule version in force on its received date.

-- The channels staff record (the old 'post' and 'direct' stay readable: no writer used them).
ALTER TABLE feedback MODIFY channel
  ENUM('web','email','phone','post','direct','letter','in_person','hotline') NOT NULL DEFAULT 'web';

ALTER TABLE feedback
  ADD COLUMN IF NOT EXISTS received_by BIGINT NULL
    COMMENT 'the staff member who recorded an item received outside the web form',
  ADD COLUMN IF NOT EXISTS soon_date DATE NULL
    COMMENT 'first day the current deadline counts as near (with due_date, from the item''s rules)',
  ADD COLUMN IF NOT EXISTS reopened_at DATETIME NULL COMMENT 'last reopening of a published item',
  ADD COLUMN IF NOT EXISTS reopen_reason VARCHAR(2000) NULL
    COMMENT 'why it was reopened (shown on the public page)',
  ADD CONSTRAINT fk_feedback_received_by FOREIGN KEY IF NOT EXISTS (received_by) REFERENCES users (id);

-- A signed reply letter (PDF) is a file of the item, kept like the others (never deleted).
ALTER TABLE feedback_files MODIFY kind
  ENUM('submission','info_reply','intake','reply_letter') NOT NULL DEFAULT 'submission';

-- Small key/value settings the administrators edit (the public contact: hotline, address, email).
CREATE TABLE IF NOT EXISTS settings (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_settings_user FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO settings (name, value_json) VALUES
('public_contact', '{"hotline":"","address":"","email":""}');

-- Stored due dates now also carry soon_date and depend on every feedback version: recompute once.
UPDATE feedback_due_basis SET basis = '' WHERE id = 1;

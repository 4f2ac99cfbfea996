-- 021_notification_prefs: per user, per notification kind, whether it also goes by mail (issue 15).
--   mail 'none': in the app only; 'immediate': a mail with each notification, queued in the
--   transaction that writes it (api/notifications_common.c); 'digest': in the user's daily digest
--   mail (job "notification-digest", at users.digest_hour, Asia/Ho_Chi_Minh).
-- No row for a kind means the default of that kind, which lives in the code (the list of kinds
-- is api/notifications_common.c, documented in docs/openapi.yaml): a new kind needs no data.
CREATE TABLE IF NOT EXISTS notification_prefs (
  user_id BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  mail ENUM('none','immediate','digest') NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (user_id, kind),
  CONSTRAINT fk_notification_prefs_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The hour (0..23, local time) of the user's daily digest.
ALTER TABLE users ADD COLUMN IF NOT EXISTS digest_hour TINYINT NOT NULL DEFAULT 7
  COMMENT 'hour (Asia/Ho_Chi_Minh) of the daily notification digest mail';

-- One digest per user and local day, over every api host: the row is written in the transaction
-- that queues the digest mail, so a second host (or run) finds it and sends nothing. `until_id`
-- is the last notification the digest covered; the next digest starts after it.
CREATE TABLE IF NOT EXISTS notification_digests (
  user_id BIGINT NOT NULL,
  digest_day DATE NOT NULL,
  items INT NOT NULL,
  until_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (user_id, digest_day),
  CONSTRAINT fk_notification_digests_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 017_notification_reads: per-user read state of the in-app notifications. A unit-wide
-- notification (notifications.unit_id) is delivered to each member of the unit and read by each
-- separately: before this, read_at on the notification row was shared, so one member reading a
-- unit notification cleared it for the whole unit. A row here means "this user has read it".
-- notifications.read_at is no longer read or written (kept only so that older binaries and the
-- data they wrote stay valid); what it held for user-targeted rows is carried over below.
-- A unit-wide row's read_at is not carried over: who read it is unknown, so it is unread again for
-- every member.
CREATE TABLE IF NOT EXISTS notification_reads (
  notification_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  read_at DATETIME NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (notification_id, user_id),
  KEY ix_notification_reads_user (user_id, notification_id),
  CONSTRAINT fk_notification_reads_notification FOREIGN KEY (notification_id)
    REFERENCES notifications (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE notifications MODIFY COLUMN read_at DATETIME NULL
  COMMENT 'unused since 017: read state is per user in notification_reads';

INSERT IGNORE INTO notification_reads (notification_id, user_id, read_at)
  SELECT id, user_id, read_at FROM notifications WHERE user_id IS NOT NULL AND read_at IS NOT NULL;

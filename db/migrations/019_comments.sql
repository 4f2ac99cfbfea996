-- 019_comments: internal discussion on tasks, assignments, feedback items and reports (issue 15).
-- A comment names its object by (entity, entity_id) without a foreign key to it: comments are
-- evidence of who said what, so deleting a task (or any object) must not take them with it, and
-- nothing here cascades. A comment is never deleted either: DELETE leaves a tombstone
-- (deleted_at, deleted_by); its files' rows and bytes stay, no longer downloadable.
-- unit_id is the author's unit when the comment was posted (the unit's leader may remove it).
CREATE TABLE IF NOT EXISTS comments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entity ENUM('task','assignment','feedback','report') NOT NULL,
  entity_id BIGINT NOT NULL,
  author_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  body TEXT NOT NULL COMMENT '1..4000 characters',
  edited_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_comments_entity (entity, entity_id, id),
  KEY ix_comments_author (author_id),
  CONSTRAINT fk_comments_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_comments_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_comments_deleted_by FOREIGN KEY (deleted_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Up to 3 files per comment, numbered 1..3 (the n of /comments/{id}/files/{n}); the bytes are in
-- the upload store under sha256 (the sweep of api/uploads_gc.c counts this table).
CREATE TABLE IF NOT EXISTS comment_files (
  comment_id BIGINT NOT NULL,
  n TINYINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mime VARCHAR(128) NOT NULL,
  size BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (comment_id, n),
  KEY ix_comment_files_sha (sha256),
  CONSTRAINT fk_comment_files_comment FOREIGN KEY (comment_id) REFERENCES comments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The users a comment's @mentions notified (those who could see the object, never the author):
-- what the answer lists as mentions, and why an edit never notifies the same user twice.
CREATE TABLE IF NOT EXISTS comment_mentions (
  comment_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (comment_id, user_id),
  KEY ix_comment_mentions_user (user_id),
  CONSTRAINT fk_comment_mentions_comment FOREIGN KEY (comment_id) REFERENCES comments (id),
  CONSTRAINT fk_comment_mentions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

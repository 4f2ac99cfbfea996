-- 022_update_files: several evidence files per progress update (issue 15; before, one in
-- task_updates.attachment_*). One row per file, numbered n = 1..5 in the order sent; the bytes are
-- in the content-addressed upload store under sha256 (lib/upload.h), shared like every upload.
-- Decision: the old columns stay and keep holding file 1 (written for every new update too), so
-- older binaries, the upload sweep's reference list and the download by sha keep working; this
-- table is what the API lists. No cascade: evidence is never deleted with its update (the update
-- itself is never deleted with its assignment either, since 012).
CREATE TABLE IF NOT EXISTS task_update_files (
  update_id BIGINT NOT NULL,
  n TINYINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  type VARCHAR(64) NOT NULL,
  size INT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (update_id, n),
  KEY ix_task_update_files_sha (sha256),
  CONSTRAINT fk_task_update_files_update FOREIGN KEY (update_id) REFERENCES task_updates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every existing single attachment becomes file 1 of its update.
INSERT IGNORE INTO task_update_files (update_id, n, name, sha256, type, size, created_at)
  SELECT id, 1, COALESCE(attachment_name, 'tep-dinh-kem'), attachment_sha256,
         COALESCE(attachment_type, 'application/octet-stream'), COALESCE(attachment_size, 0), created_at
  FROM task_updates WHERE attachment_sha256 IS NOT NULL;

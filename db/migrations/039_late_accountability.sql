-- 039_late_accountability: accountability for late dossiers (issue 20). The one-stop system's
-- handling officer on each dossier; per late dossier the explanation (văn bản giải trình) and the
-- apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả) a unit records, each with its file as
-- evidence; the `late_list` rule set that says whether the monthly public list names officers.
-- Records are evidence: their foreign keys RESTRICT (no cascade ever deletes one), and the hash
-- column is `sha256` so the uploads sweep keeps their files (decision 131).

-- Instant in MariaDB 10.11 (columns added last, nullable): no table rebuild at country volume.
ALTER TABLE dossiers
  ADD COLUMN IF NOT EXISTS handler_name VARCHAR(100) NULL COMMENT 'handling officer, as the one-stop system sends it',
  ADD COLUMN IF NOT EXISTS handler_code VARCHAR(32) NULL COMMENT 'the officer''s code in the one-stop system';

CREATE TABLE IF NOT EXISTS dossier_explanations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dossier_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL COMMENT 'the recording unit: the handling unit or one above it',
  doc_no VARCHAR(64) NOT NULL,
  doc_date DATE NOT NULL,
  reason TEXT NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mime VARCHAR(100) NOT NULL,
  size BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_dossier_explanations (dossier_id, id),
  KEY ix_dossier_explanations_sha (sha256),
  CONSTRAINT fk_dossier_explanations_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers (id) ON DELETE RESTRICT,
  CONSTRAINT fk_dossier_explanations_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT,
  CONSTRAINT fk_dossier_explanations_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS dossier_apologies (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dossier_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL COMMENT 'the recording unit: the handling unit or one above it',
  letter_no VARCHAR(64) NOT NULL,
  letter_date DATE NOT NULL,
  sent_via ENUM('direct','postal','email','sms','portal') NOT NULL COMMENT 'how the applicant got it',
  new_due_date DATE NULL COMMENT 'the new date promised for the result',
  file_name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mime VARCHAR(100) NOT NULL,
  size BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_dossier_apologies (dossier_id, id),
  KEY ix_dossier_apologies_sha (sha256),
  CONSTRAINT fk_dossier_apologies_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers (id) ON DELETE RESTRICT,
  CONSTRAINT fk_dossier_apologies_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT,
  CONSTRAINT fk_dossier_apologies_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The late lists read late dossiers of a subtree by finish date (ix_dossiers_late) and the public
-- list groups a month's late dossiers by officer: (unit_id, late, finished_at) already serves both.

-- The monthly public list (công khai danh sách chậm muộn), read by api/late_lists.c:
--   publish_officers: whether the list names the handling officers of late dossiers;
--   min_count: an officer is named only with at least this many late dossiers in the month.
-- The version in force on the month's first day applies to that month (decision 199).
INSERT IGNORE INTO rule_sets (name, effective_from, rules_json, note) VALUES
('late_list', '2018-01-01', '{"publish_officers":false,"min_count":1}',
 'Công khai danh sách đơn vị có hồ sơ trễ hạn; không nêu tên cán bộ');

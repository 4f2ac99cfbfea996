-- 028_inspections: inspections of units with their team, checklist, findings and conclusion;
-- communications and dialogues with the answers committed; follow-up assignments that name
-- their source (issue 18). Evidence (files, findings, checklist rows) is never deleted by a
-- cascade: an inspection is closed, a file stays.
ALTER TABLE assignments
  ADD COLUMN source_kind VARCHAR(16) NULL COMMENT 'inspection | dialogue: the follow-up of',
  ADD COLUMN source_id BIGINT NULL COMMENT 'the inspection or communication id',
  ADD KEY ix_assignments_source (source_kind, source_id);

-- The plan that holds a unit's follow-ups of one kind in a year when the source has no plan of
-- its own (created on demand, decision 147).
CREATE TABLE IF NOT EXISTS followup_plans (
  unit_id BIGINT NOT NULL,
  year SMALLINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  plan_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (unit_id, year, kind),
  CONSTRAINT fk_followup_plans_plan FOREIGN KEY (plan_id) REFERENCES plans (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS inspection_template_items (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subject ENUM('kstt','one_stop','public_posting','feedback_handling','dossier_handling') NOT NULL,
  sort_order INT NOT NULL,
  text VARCHAR(1000) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_template_subject (subject, sort_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS inspections (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inspecting_unit_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL COMMENT 'the inspected unit',
  subject ENUM('kstt','one_stop','public_posting','feedback_handling','dossier_handling') NOT NULL,
  planned_date DATE NOT NULL,
  actual_date DATE NULL,
  announced TINYINT(1) NOT NULL DEFAULT 1,
  plan_id BIGINT NULL,
  status ENUM('planned','done','closed') NOT NULL DEFAULT 'planned',
  conclusion_no VARCHAR(64) NULL,
  conclusion_date DATE NULL,
  conclusion_name VARCHAR(255) NULL,
  conclusion_sha256 CHAR(64) NULL,
  conclusion_mime VARCHAR(100) NULL,
  conclusion_size BIGINT NULL,
  created_by BIGINT NULL,
  closed_at DATETIME NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_inspections_unit (unit_id, planned_date),
  KEY ix_inspections_by (inspecting_unit_id, planned_date),
  CONSTRAINT fk_inspections_by FOREIGN KEY (inspecting_unit_id) REFERENCES units (id),
  CONSTRAINT fk_inspections_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_inspections_plan FOREIGN KEY (plan_id) REFERENCES plans (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS inspection_team (
  inspection_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  role ENUM('head','member','secretary') NOT NULL,
  PRIMARY KEY (inspection_id, user_id),
  CONSTRAINT fk_inspection_team_insp FOREIGN KEY (inspection_id) REFERENCES inspections (id),
  CONSTRAINT fk_inspection_team_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The checklist copies the template's text: editing the template later never rewrites what was
-- inspected.
CREATE TABLE IF NOT EXISTS inspection_checklist (
  inspection_id BIGINT NOT NULL,
  n INT NOT NULL,
  text VARCHAR(1000) NOT NULL,
  result ENUM('compliant','not_compliant','not_applicable') NULL,
  note TEXT NULL,
  PRIMARY KEY (inspection_id, n),
  CONSTRAINT fk_inspection_checklist_insp FOREIGN KEY (inspection_id) REFERENCES inspections (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS inspection_evidence (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inspection_id BIGINT NOT NULL,
  item_n INT NOT NULL COMMENT 'the checklist item',
  name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mime VARCHAR(100) NOT NULL,
  size BIGINT NOT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_inspection_evidence (inspection_id, item_n),
  CONSTRAINT fk_inspection_evidence_insp FOREIGN KEY (inspection_id) REFERENCES inspections (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS inspection_findings (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inspection_id BIGINT NOT NULL,
  text TEXT NOT NULL,
  action_required TINYINT(1) NOT NULL,
  due DATE NULL,
  assignment_id BIGINT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_inspection_findings (inspection_id),
  CONSTRAINT fk_inspection_findings_insp FOREIGN KEY (inspection_id) REFERENCES inspections (id),
  CONSTRAINT fk_inspection_findings_asg FOREIGN KEY (assignment_id) REFERENCES assignments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS communications (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL,
  kind ENUM('news','broadcast','leaflet','conference','dialogue') NOT NULL,
  date DATE NOT NULL,
  channel VARCHAR(255) NULL,
  title VARCHAR(500) NOT NULL,
  link VARCHAR(1000) NULL,
  file_name VARCHAR(255) NULL,
  file_sha256 CHAR(64) NULL,
  file_mime VARCHAR(100) NULL,
  file_size BIGINT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_communications_unit (unit_id, date),
  CONSTRAINT fk_communications_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS communication_commitments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  communication_id BIGINT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  unit_id BIGINT NOT NULL COMMENT 'the unit that committed',
  due DATE NOT NULL,
  assignment_id BIGINT NOT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_commitments_comm (communication_id),
  CONSTRAINT fk_commitments_comm FOREIGN KEY (communication_id) REFERENCES communications (id),
  CONSTRAINT fk_commitments_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_commitments_asg FOREIGN KEY (assignment_id) REFERENCES assignments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO inspection_template_items (subject, sort_order, text) VALUES
  ('public_posting', 1, 'Niêm yết công khai TTHC đầy đủ, đúng quy định'),
  ('public_posting', 2, 'Công khai địa chỉ tiếp nhận phản ánh, kiến nghị'),
  ('one_stop', 1, 'Sổ theo dõi hồ sơ được lập và cập nhật'),
  ('one_stop', 2, 'Phiếu xin lỗi khi hồ sơ trễ hạn'),
  ('dossier_handling', 1, 'Hồ sơ giải quyết đúng hạn'),
  ('dossier_handling', 2, 'Phiếu xin lỗi hồ sơ trễ hạn'),
  ('feedback_handling', 1, 'Tiếp nhận, xử lý phản ánh, kiến nghị đúng thời hạn'),
  ('kstt', 1, 'Ban hành kế hoạch kiểm soát TTHC năm'),
  ('kstt', 2, 'Cán bộ đầu mối kiểm soát TTHC được cử');

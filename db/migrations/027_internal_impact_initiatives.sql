-- 027_internal_impact_initiatives: three small registries of issue 17 (part 3): the internal
-- administrative procedures of each unit (TTHC nội bộ) with their simplification proposals, the
-- impact assessments of procedures in draft legal documents (đánh giá tác động) and the reform
-- initiatives (sáng kiến cải cách TTHC). Nothing here is deleted: a record changes status.

CREATE TABLE IF NOT EXISTS internal_procedures (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL COMMENT 'the unit whose inventory holds it',
  name VARCHAR(500) NOT NULL,
  name_folded VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'vnfold(name), for the search box',
  code VARCHAR(64) NULL,
  legal_basis TEXT NULL,
  field VARCHAR(255) NULL COMMENT 'the field (lĩnh vực) as free text: internal procedures are not in the catalogue',
  status ENUM('in_force','proposed','simplified','abolished') NOT NULL DEFAULT 'in_force',
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_internal_procedures_unit (unit_id, status),
  CONSTRAINT fk_internal_procedures_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The units inside the administration an internal procedure involves (its steps pass through them).
CREATE TABLE IF NOT EXISTS internal_procedure_units (
  procedure_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  PRIMARY KEY (procedure_id, unit_id),
  KEY ix_internal_procedure_units_unit (unit_id),
  CONSTRAINT fk_ipu_proc FOREIGN KEY (procedure_id) REFERENCES internal_procedures (id),
  CONSTRAINT fk_ipu_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS internal_procedure_proposals (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NOT NULL,
  n INT NOT NULL COMMENT 'its number within the procedure, 1.. (the address)',
  text TEXT NOT NULL,
  unit_id BIGINT NOT NULL COMMENT 'the unit that proposed it',
  status ENUM('proposed','accepted','implemented','rejected') NOT NULL DEFAULT 'proposed',
  doc_no VARCHAR(64) NULL COMMENT 'the implementing document',
  doc_date DATE NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_internal_proposals (procedure_id, n),
  CONSTRAINT fk_internal_proposals_proc FOREIGN KEY (procedure_id) REFERENCES internal_procedures (id),
  CONSTRAINT fk_internal_proposals_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS impact_assessments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL COMMENT 'the drafting unit',
  title VARCHAR(500) NOT NULL COMMENT 'the draft legal document',
  title_folded VARCHAR(500) NOT NULL DEFAULT '',
  doc_kind VARCHAR(100) NOT NULL COMMENT 'kind of document (nghị quyết, quyết định...)',
  procedures_json TEXT NOT NULL COMMENT '[{action: create|change|abolish, name, procedure_id}]',
  answers_json TEXT NOT NULL COMMENT 'the assessment form: necessity, reasonableness, lawfulness, cost',
  status ENUM('draft','sent','appraised') NOT NULL DEFAULT 'draft',
  sent_date DATE NULL COMMENT 'sent to the Department of Justice',
  appraisal_days INT NULL COMMENT 'the time limit in working days in force when sent',
  appraisal_due DATE NULL COMMENT 'sent_date + appraisal_days working days (holidays applied)',
  opinion TEXT NULL COMMENT 'the appraisal opinion',
  appraised_date DATE NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_impact_unit (unit_id, status),
  CONSTRAINT fk_impact_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS initiatives (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL COMMENT 'the proposing unit',
  title VARCHAR(500) NOT NULL,
  title_folded VARCHAR(500) NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  benefit TEXT NULL COMMENT 'expected benefit',
  status ENUM('proposed','assessed','adopted','not_adopted') NOT NULL DEFAULT 'proposed',
  assessment TEXT NULL,
  score INT NULL COMMENT '1..100, optional',
  decision_no VARCHAR(64) NULL,
  decision_date DATE NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_initiatives_unit (unit_id, status),
  CONSTRAINT fk_initiatives_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The appraisal of an impact assessment: 10 working days (Nghị định 63/2010/NĐ-CP, Điều 11, as
-- amended), and the unit that appraises by its code (the Department of Justice).
INSERT IGNORE INTO rule_sets (name, effective_from, rules_json, note) VALUES
('impact', '2010-06-08', '{"appraisal_days":10,"appraiser_unit_code":"STP"}',
 'Thẩm định đánh giá tác động TTHC: thời hạn (ngày làm việc), đơn vị thẩm định (mã)');

-- 031_reform_index: the administrative reform index (Chỉ số CCHC, issue 19 part 1). A criteria
-- tree per (year, kind of unit); one assessment per (year, unit) moving draft -> submitted ->
-- (returned -> submitted) -> appraised -> final; one score row per leaf with the unit's value and
-- points and the council's points and reason; the finalising decision per year. Points are
-- integers in hundredths (max_h, *_points_h): no float anywhere (decision 159).

-- Classification bands (percent of the maximum) and the appraising unit (the Department of Home
-- Affairs): data, so the province changes them without a release.
INSERT IGNORE INTO rule_sets (name, effective_from, rules_json, note) VALUES
('reform_index', '2022-01-01',
 '{"appraiser_unit_code":"SNV","bands":[{"min":90,"label":"Xuất sắc"},{"min":80,"label":"Tốt"},{"min":65,"label":"Khá"},{"min":50,"label":"Trung bình"},{"min":0,"label":"Yếu"}]}',
 'Xếp loại Chỉ số CCHC theo % điểm tối đa; đơn vị thẩm định (Sở Nội vụ) theo mã đơn vị');

CREATE TABLE IF NOT EXISTS ri_criteria (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year SMALLINT NOT NULL,
  kind ENUM('department','district') NOT NULL,
  code VARCHAR(24) NOT NULL,
  name TEXT NOT NULL,
  max_h INT NOT NULL COMMENT 'maximum points in hundredths',
  method VARCHAR(16) NULL COMMENT 'choice|bands|yesno|ratio|points; NULL for a parent',
  params_json TEXT NULL,
  source VARCHAR(16) NULL COMMENT 'self|appraisal|system; NULL for a parent',
  sort_order INT NOT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_ri_criteria (year, kind, code),
  KEY ix_ri_criteria_order (year, kind, sort_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS ri_assessments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year SMALLINT NOT NULL,
  kind ENUM('department','district') NOT NULL,
  unit_id BIGINT NOT NULL,
  status ENUM('draft','submitted','returned','appraised','final') NOT NULL DEFAULT 'draft',
  returned_count INT NOT NULL DEFAULT 0 COMMENT 'a self-assessment is returned at most once',
  return_reason TEXT NULL,
  submitted_by BIGINT NULL,
  submitted_at DATETIME NULL,
  appraised_by BIGINT NULL,
  appraised_at DATETIME NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_ri_assessments (year, unit_id),
  KEY ix_ri_assessments_kind (year, kind),
  CONSTRAINT fk_ri_assessments_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per scored leaf. The value is what the unit gave (or the system computed) in the form
-- its method expects; the points follow from it by core/reform_index. Evidence is a list of
-- documents and links [{title, url}]. Rows are evidence of the score: never deleted.
CREATE TABLE IF NOT EXISTS ri_scores (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  assessment_id BIGINT NOT NULL,
  code VARCHAR(24) NOT NULL,
  value_json TEXT NULL,
  self_points_h INT NULL,
  note TEXT NULL,
  evidence_json TEXT NULL,
  system_json TEXT NULL COMMENT 'a system criterion: the figure, its numerator, denominator and source',
  appraised_points_h INT NULL,
  reason TEXT NULL,
  updated_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_ri_scores (assessment_id, code),
  CONSTRAINT fk_ri_scores_assessment FOREIGN KEY (assessment_id) REFERENCES ri_assessments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The decision that makes a year's scores final (and public).
CREATE TABLE IF NOT EXISTS ri_decisions (
  year SMALLINT NOT NULL PRIMARY KEY,
  decision_no VARCHAR(64) NOT NULL,
  decision_date DATE NOT NULL,
  finalized_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

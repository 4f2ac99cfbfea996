-- 025_review: review of procedures (rà soát, đánh giá TTHC, issue 17 part 1): what a review task
-- names, the review forms units fill, the simplification proposals of accepted forms, and the
-- province's decisions that adopt them. Forms, proposals and decisions are evidence: no cascade
-- deletes them (a form names its task and plan by id, as comments name their object, decision 117).

-- The procedures a task of a review plan names (expanded from a field at publishing).
CREATE TABLE IF NOT EXISTS review_targets (
  task_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (task_id, procedure_id),
  KEY ix_review_targets_proc (procedure_id),
  CONSTRAINT fk_review_targets_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT fk_review_targets_proc FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A field a review task names: its procedures in force are added to review_targets at publishing.
CREATE TABLE IF NOT EXISTS review_task_fields (
  task_id BIGINT NOT NULL PRIMARY KEY,
  field_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_review_task_fields_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT fk_review_task_fields_field FOREIGN KEY (field_id) REFERENCES procedure_fields (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The province's decision adopting simplification proposals (quyết định phê duyệt phương án).
CREATE TABLE IF NOT EXISTS review_decisions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  number VARCHAR(64) NOT NULL,
  date DATE NOT NULL,
  title VARCHAR(1000) NOT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_review_decisions_number (number),
  KEY ix_review_decisions_date (date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One review form (biểu mẫu rà soát, đánh giá) per (task, reviewing unit, procedure).
CREATE TABLE IF NOT EXISTS review_forms (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  task_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  status ENUM('draft','submitted','accepted','returned') NOT NULL DEFAULT 'draft',
  components_json LONGTEXT NOT NULL DEFAULT '[]' COMMENT '[{component, necessary, reasonable, lawful, reason, proposal, change}]',
  proposal ENUM('keep','amend','replace','abolish','simplify') NULL,
  change_text TEXT NULL COMMENT 'the concrete change proposed for the procedure',
  return_reason VARCHAR(2000) NULL,
  submitted_at DATETIME NULL,
  submitted_by BIGINT NULL,
  decided_at DATETIME NULL COMMENT 'accepted or returned',
  decided_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_review_forms (task_id, unit_id, procedure_id),
  KEY ix_review_forms_plan (plan_id, status),
  KEY ix_review_forms_unit (unit_id, status),
  KEY ix_review_forms_proc (procedure_id),
  CONSTRAINT fk_review_forms_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_review_forms_proc FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A simplification proposal (phương án đơn giản hóa): one per accepted form whose proposal is not
-- keep, adopted by a decision, then implemented by a legal document.
CREATE TABLE IF NOT EXISTS review_proposals (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  form_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  kind ENUM('amend','replace','abolish','simplify') NOT NULL,
  change_text TEXT NULL,
  status ENUM('proposed','decided','implemented') NOT NULL DEFAULT 'proposed',
  decision_id BIGINT NULL,
  document_number VARCHAR(64) NULL,
  document_date DATE NULL,
  outcome ENUM('amended','abolished','replaced','simplified') NULL,
  implemented_at DATETIME NULL,
  implemented_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_review_proposals_form (form_id),
  KEY ix_review_proposals_proc (procedure_id),
  KEY ix_review_proposals_decision (decision_id),
  KEY ix_review_proposals_unit (unit_id, status),
  CONSTRAINT fk_review_proposals_form FOREIGN KEY (form_id) REFERENCES review_forms (id),
  CONSTRAINT fk_review_proposals_proc FOREIGN KEY (procedure_id) REFERENCES procedures (id),
  CONSTRAINT fk_review_proposals_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_review_proposals_decision FOREIGN KEY (decision_id) REFERENCES review_decisions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The procedure record's link to what changed it (the proposal implemented, hence its decision).
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS review_proposal_id BIGINT NULL
  COMMENT 'the simplification proposal whose implementation last set the status';

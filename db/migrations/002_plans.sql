-- Plans that cascade from the province down, their sections and tasks, assignments to units and
-- the progress updates units post.
CREATE TABLE plans (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL COMMENT 'owner',
  year SMALLINT NOT NULL,
  kind ENUM('kstt','cchc','inspection','review','communication','other') NOT NULL DEFAULT 'kstt',
  title VARCHAR(500) NOT NULL,
  decision_no VARCHAR(64) NULL,
  decision_date DATE NULL,
  status ENUM('draft','published','closed') NOT NULL DEFAULT 'draft',
  source_plan_id BIGINT NULL COMMENT 'the higher plan this one carries out',
  created_by BIGINT NULL,
  published_at DATETIME NULL,
  closed_at DATETIME NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_plans_unit_year (unit_id, year),
  KEY ix_plans_source (source_plan_id),
  CONSTRAINT fk_plans_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_plans_source FOREIGN KEY (source_plan_id) REFERENCES plans (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE plan_sections (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  number VARCHAR(16) NULL,
  title VARCHAR(1000) NOT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_sections_plan (plan_id, sort_order),
  CONSTRAINT fk_sections_plan FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tasks (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  section_id BIGINT NULL,
  parent_task_id BIGINT NULL COMMENT 'sub-item (1.1) of a task',
  source_task_id BIGINT NULL COMMENT 'the task of a higher plan this one carries out',
  sort_order INT NOT NULL DEFAULT 0,
  number VARCHAR(16) NULL COMMENT 'as written: 1, 1.1, a',
  title TEXT NOT NULL,
  output TEXT NULL,
  lead_json LONGTEXT NULL COMMENT '[{text, unit_id, group}] lead units as written and resolved',
  coop_json LONGTEXT NULL,
  timeline_text VARCHAR(1000) NULL,
  timeline_json LONGTEXT NULL COMMENT 'parsed timeline',
  tl_kind VARCHAR(16) NOT NULL DEFAULT 'unknown',
  start_date DATE NULL,
  due_date DATE NULL,
  event_date DATE NULL COMMENT 'for event timelines: when the event happened',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_tasks_plan (plan_id, sort_order),
  KEY ix_tasks_section (section_id),
  KEY ix_tasks_parent (parent_task_id),
  KEY ix_tasks_source (source_task_id),
  CONSTRAINT fk_tasks_plan FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE,
  CONSTRAINT fk_tasks_section FOREIGN KEY (section_id) REFERENCES plan_sections (id) ON DELETE SET NULL,
  CONSTRAINT fk_tasks_parent FOREIGN KEY (parent_task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT fk_tasks_source FOREIGN KEY (source_task_id) REFERENCES tasks (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE assignments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  role ENUM('lead','coop') NOT NULL,
  due_date DATE NULL,
  status ENUM('not_started','in_progress','done','blocked') NOT NULL DEFAULT 'not_started',
  progress TINYINT UNSIGNED NOT NULL DEFAULT 0,
  done_date DATE NULL,
  last_update_at DATETIME NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_assignment (task_id, unit_id),
  KEY ix_assignments_unit (unit_id, due_date),
  CONSTRAINT fk_assignments_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT fk_assignments_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE task_updates (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  assignment_id BIGINT NOT NULL,
  period VARCHAR(16) NULL COMMENT 'reporting period the update covers: 2023-03, 2023-Q1, 2023-H1, 2023',
  status ENUM('not_started','in_progress','done','blocked') NOT NULL,
  progress TINYINT UNSIGNED NOT NULL,
  note TEXT NULL,
  evidence_no VARCHAR(128) NULL,
  evidence_date DATE NULL,
  attachment_name VARCHAR(255) NULL,
  attachment_sha256 CHAR(64) NULL,
  attachment_type VARCHAR(64) NULL,
  attachment_size INT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_updates_assignment (assignment_id, created_at),
  CONSTRAINT fk_updates_assignment FOREIGN KEY (assignment_id) REFERENCES assignments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

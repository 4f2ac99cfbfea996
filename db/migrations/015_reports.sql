-- 015: periodic reports (issue 14): one report per unit, kind and period, its figures as computed
-- from the data, the unit's corrections, the figures in force, the narrative and what it adds up
-- from its children; every step of its workflow as an event row that no cascade removes.
CREATE TABLE reports (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL DEFAULT 'kstt',
  period VARCHAR(32) NOT NULL COMMENT '2025-Q2, 2025-H1, 2025, or 2025-03-01..2025-05-31 (ad hoc)',
  period_kind ENUM('quarter','half','year','adhoc') NOT NULL,
  title VARCHAR(500) NULL,
  window_from DATE NOT NULL,
  window_to DATE NOT NULL,
  due DATE NOT NULL,
  status ENUM('draft','submitted','accepted','returned') NOT NULL DEFAULT 'draft',
  number VARCHAR(64) NULL COMMENT 'the document number (số hiệu văn bản)',
  computed_json LONGTEXT NULL COMMENT 'own direct data + the included children''s tables in force',
  system_json LONGTEXT NULL COMMENT 'the whole subtree from the data, for comparison',
  corrections_json LONGTEXT NULL COMMENT '[{path, value, note, by, at}]',
  tables_json LONGTEXT NULL COMMENT 'computed with the corrections: the figures in force',
  narrative_json LONGTEXT NULL COMMENT '{results, difficulties, proposals}',
  aggregation_json LONGTEXT NULL COMMENT '{included, missing, children, own}',
  computed_at DATETIME(3) NULL,
  submitted_at DATETIME(3) NULL,
  late TINYINT(1) NOT NULL DEFAULT 0,
  accepted_at DATETIME(3) NULL,
  returned_at DATETIME(3) NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_reports_unit_period (unit_id, kind, period),
  KEY ix_reports_period (kind, period, status),
  CONSTRAINT fk_reports_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_reports_creator FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The history of a report: no ON DELETE CASCADE, so deleting a report cannot erase its trail.
CREATE TABLE report_events (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  report_id BIGINT NOT NULL,
  action ENUM('create','update','refresh','submit','accept','return','recompute','remind') NOT NULL,
  actor_id BIGINT NULL,
  actor_username VARCHAR(64) NULL,
  comment TEXT NULL,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_report_events_report (report_id, at),
  CONSTRAINT fk_report_events_report FOREIGN KEY (report_id) REFERENCES reports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The reporting rules of Thông tư 01/2020/TT-VPCP on the existing version (cutoff_day kept):
-- due day of the period's last month per level, ad hoc reports' working days, reminder days.
-- The old *_submit_day keys are left in place (nothing reads them).
UPDATE rule_sets SET rules_json = JSON_SET(rules_json,
  '$.due_day', JSON_OBJECT('commune', 17, 'district', 20, 'department', 20, 'vertical', 20,
                           'onestop', 20, 'province', 22),
  '$.adhoc_due_working_days', 5,
  '$.remind_before_working_days', JSON_ARRAY(3, 1),
  '$.remind_after_days', JSON_ARRAY(1))
WHERE name = 'period' AND effective_from = '2018-01-01';

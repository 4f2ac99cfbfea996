-- 012: evidence is never deleted by a cascade; stored values the lists filter on in SQL; the
-- refresh-token family.

-- A progress report and the assignment it reports on survive any delete: the api checks and
-- answers 409 naming what blocks it, and a delete that slips past the check fails here instead
-- of silently taking the reports with it. (feedback_files and feedback_events already restrict.)
ALTER TABLE task_updates DROP FOREIGN KEY IF EXISTS fk_updates_assignment;
ALTER TABLE task_updates ADD CONSTRAINT fk_updates_assignment FOREIGN KEY (assignment_id)
  REFERENCES assignments (id) ON DELETE RESTRICT;
ALTER TABLE assignments DROP FOREIGN KEY IF EXISTS fk_assignments_task;
ALTER TABLE assignments ADD CONSTRAINT fk_assignments_task FOREIGN KEY (task_id)
  REFERENCES tasks (id) ON DELETE RESTRICT;

-- The finest reporting period of a task's timeline (1 monthly, 2 quarterly, 4 half-yearly,
-- 8 yearly, 0 none; continuous work reports quarterly), kept by the database from timeline_json
-- so the assignment list can filter "overdue" (a missing periodic report) in SQL. Mirrors
-- timeline_recurrence_bits() in api/plan_common.c.
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS report_bit TINYINT AS (
  CASE
    WHEN timeline_json IS NULL OR NOT JSON_VALID(timeline_json) THEN 0
    WHEN JSON_CONTAINS(JSON_EXTRACT(timeline_json, '$.recurrence'), '"monthly"') THEN 1
    WHEN JSON_CONTAINS(JSON_EXTRACT(timeline_json, '$.recurrence'), '"quarterly"') THEN 2
    WHEN JSON_CONTAINS(JSON_EXTRACT(timeline_json, '$.recurrence'), '"half_yearly"') THEN 4
    WHEN JSON_CONTAINS(JSON_EXTRACT(timeline_json, '$.recurrence'), '"yearly"') THEN 8
    WHEN JSON_VALUE(timeline_json, '$.kind') = 'continuous' THEN 2
    ELSE 0
  END) PERSISTENT;

-- feedback.due_date is the current step's deadline in working days (computed in C on every state
-- change). It depends on the holiday calendar and the rule set too: the api recomputes every open
-- item's due date when their fingerprint differs from the one recorded here. The empty basis
-- makes the first list after this migration do the backfill (working days cannot be counted in
-- SQL).
CREATE TABLE IF NOT EXISTS feedback_due_basis (
  id TINYINT NOT NULL PRIMARY KEY,
  basis VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO feedback_due_basis (id, basis) VALUES (1, '') ON DUPLICATE KEY UPDATE basis = '';

-- Every refresh token a session has rotated out (its family): presenting any of them again means
-- a copy was stolen, and the session ends. Rows go with the session's expiry.
CREATE TABLE IF NOT EXISTS session_spent_tokens (
  refresh_hash CHAR(64) NOT NULL PRIMARY KEY,
  session_id CHAR(32) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_spent_session (session_id),
  CONSTRAINT fk_spent_session FOREIGN KEY (session_id) REFERENCES sessions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT IGNORE INTO session_spent_tokens (refresh_hash, session_id)
  SELECT previous_hash, id FROM sessions WHERE previous_hash IS NOT NULL;

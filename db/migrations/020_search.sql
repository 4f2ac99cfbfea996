-- 020_search: folded titles for the search across modules (GET /api/v1/search, issue 15).
-- Like procedures.name_folded and units.name_folded, each column holds vnfold(title) (core/vnfold:
-- no accents, đ -> d, lower case, punctuation -> one space), written by the api on every INSERT
-- and UPDATE of the title, so that "dat dai" finds "đất đai" with a LIKE on the folded text.
-- NULL means "not folded yet": rows that exist when this runs, and rows the demo SQL inserts, are
-- folded by the api after `migrate` and after `load-demo` (api/search_common.c, search_fold_all).
-- The prefix indexes make that look-up of NULL rows cheap; the searches themselves scan the
-- caller's scope (a few thousand rows at most per kind), which the benchmark measures.
ALTER TABLE plans ADD COLUMN IF NOT EXISTS title_folded VARCHAR(1000) NULL
  COMMENT 'vnfold(title), written by the api' AFTER title;
ALTER TABLE plans ADD INDEX IF NOT EXISTS ix_plans_title_folded (title_folded(8));

ALTER TABLE tasks ADD COLUMN IF NOT EXISTS title_folded TEXT NULL
  COMMENT 'vnfold(title), written by the api' AFTER title;
ALTER TABLE tasks ADD INDEX IF NOT EXISTS ix_tasks_title_folded (title_folded(8));

ALTER TABLE feedback ADD COLUMN IF NOT EXISTS title_folded VARCHAR(500) NULL
  COMMENT 'vnfold(title), written by the api (staff search; search_folded is the public one)'
  AFTER title;
ALTER TABLE feedback ADD INDEX IF NOT EXISTS ix_feedback_title_folded (title_folded(8));

ALTER TABLE users ADD COLUMN IF NOT EXISTS name_folded VARCHAR(128) NULL
  COMMENT 'vnfold(full_name), written by the api' AFTER full_name;
ALTER TABLE users ADD INDEX IF NOT EXISTS ix_users_name_folded (name_folded(8));

-- The staff search over feedback reads this index alone (the folded title, the scope's unit,
-- the order's date and the tracking code) instead of the wide rows with their content and
-- answer: 2,000 + 8 + 5 + 48 bytes a key, under InnoDB's 3,072.
ALTER TABLE feedback ADD INDEX IF NOT EXISTS ix_feedback_search
  (title_folded, assigned_unit_id, received_at, tracking_code);

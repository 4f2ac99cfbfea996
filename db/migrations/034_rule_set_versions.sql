-- 034_rule_set_versions: rule sets edited by the province's administrators (issue 20). Each
-- version keeps who made it; a version is never updated once in force (the API refuses), only
-- superseded by a later one, so past computations stay reproducible.
ALTER TABLE rule_sets
  ADD COLUMN IF NOT EXISTS created_by BIGINT NULL AFTER note,
  ADD CONSTRAINT fk_rule_sets_user FOREIGN KEY IF NOT EXISTS (created_by) REFERENCES users (id);

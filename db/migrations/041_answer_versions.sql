-- 041_answer_versions: the versions that cached answers are keyed by (issue 21). A plan's table
-- (GET /plans/{id}) is cached under the plan's version, which every write to the plan, its
-- sections, tasks, assignments and progress updates bumps in its own transaction; the indicator
-- figures (GET /kpi/...) under kpi_data_version, which every dossier ingest batch and every rule
-- set change bumps in theirs. A cached answer is never invalidated: a write makes a new key, so
-- no worker on any host can serve an answer computed before a write it can see.
ALTER TABLE plans ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0
  COMMENT 'bumped by every write to the plan or its rows (cache key of the plan table)';

CREATE TABLE IF NOT EXISTS kpi_data_version (
  id TINYINT NOT NULL PRIMARY KEY COMMENT 'always 1: one row',
  version BIGINT NOT NULL DEFAULT 0 COMMENT 'bumped by ingest, roll-up rebuilds and rule set changes',
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT IGNORE INTO kpi_data_version (id, version) VALUES (1, 0);

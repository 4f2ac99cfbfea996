-- Dossiers from the one-stop systems (upsert by code) and their roll-ups per unit per day and
-- per month, maintained on ingest in the same transaction (docs/indicators.md).
-- Times are local (Asia/Ho_Chi_Minh, +07:00) wall times, so DATE(x) is the local date.
CREATE TABLE dossiers (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  procedure_code VARCHAR(64) NULL,
  unit_id BIGINT NOT NULL,
  channel ENUM('direct','online','postal') NOT NULL,
  online_level ENUM('full','partial') NULL,
  received_at DATETIME NOT NULL,
  due_at DATETIME NULL COMMENT 'NULL: due on the date received',
  finished_at DATETIME NULL COMMENT 'NULL while in progress',
  returned_at DATETIME NULL,
  status ENUM('received','processing','supplement','finished','returned','rejected','withdrawn') NOT NULL,
  supplement_count SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  digitized TINYINT(1) NOT NULL DEFAULT 0,
  result_electronic TINYINT(1) NOT NULL DEFAULT 0,
  reused_data TINYINT(1) NOT NULL DEFAULT 0,
  fee BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'VND',
  paid_online TINYINT(1) NOT NULL DEFAULT 0,
  rating ENUM('satisfied','normal','unsatisfied') NULL,
  apology_issued TINYINT(1) NOT NULL DEFAULT 0,
  late TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'derived: resolved after the due date or with more than one supplement request',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_dossiers_code (code),
  KEY ix_dossiers_late (unit_id, late, finished_at),
  CONSTRAINT fk_dossiers_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per unit (its own dossiers, not its subtree) per local day. Counts are attributed to
-- date(received_at) or date(finished_at); open_delta and overdue_delta are deltas whose sum over
-- days <= D is "in progress" and "in progress and overdue" at the end of day D.
CREATE TABLE kpi_daily (
  unit_id BIGINT NOT NULL,
  day DATE NOT NULL,
  received INT NOT NULL DEFAULT 0,
  received_online INT NOT NULL DEFAULT 0,
  received_direct INT NOT NULL DEFAULT 0,
  received_postal INT NOT NULL DEFAULT 0,
  fee_received INT NOT NULL DEFAULT 0,
  fee_paid_online INT NOT NULL DEFAULT 0,
  resolved INT NOT NULL DEFAULT 0,
  resolved_early INT NOT NULL DEFAULT 0,
  resolved_ontime INT NOT NULL DEFAULT 0,
  resolved_late INT NOT NULL DEFAULT 0,
  resolved_digital INT NOT NULL DEFAULT 0,
  rated INT NOT NULL DEFAULT 0,
  rated_good INT NOT NULL DEFAULT 0,
  late_apology INT NOT NULL DEFAULT 0,
  open_delta INT NOT NULL DEFAULT 0,
  overdue_delta INT NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (unit_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The same sums per calendar month (month = its first day), so that long periods and the
-- prefix sums read a few rows per unit instead of one per day.
CREATE TABLE kpi_monthly (
  unit_id BIGINT NOT NULL,
  month DATE NOT NULL,
  received INT NOT NULL DEFAULT 0,
  received_online INT NOT NULL DEFAULT 0,
  received_direct INT NOT NULL DEFAULT 0,
  received_postal INT NOT NULL DEFAULT 0,
  fee_received INT NOT NULL DEFAULT 0,
  fee_paid_online INT NOT NULL DEFAULT 0,
  resolved INT NOT NULL DEFAULT 0,
  resolved_early INT NOT NULL DEFAULT 0,
  resolved_ontime INT NOT NULL DEFAULT 0,
  resolved_late INT NOT NULL DEFAULT 0,
  resolved_digital INT NOT NULL DEFAULT 0,
  rated INT NOT NULL DEFAULT 0,
  rated_good INT NOT NULL DEFAULT 0,
  late_apology INT NOT NULL DEFAULT 0,
  open_delta INT NOT NULL DEFAULT 0,
  overdue_delta INT NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (unit_id, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 016_report_rollups: the dossier roll-ups per procedure field (lĩnh vực), for the periodic
-- report's form "Tình hình, kết quả giải quyết TTHC" by field (SPEC §6). Same columns and
-- definitions as kpi_daily / kpi_monthly (docs/indicators.md), one row per unit, field and day
-- (month). The ingest keeps them in the transaction that writes the dossiers; a dossier's field is
-- its procedure's field when it arrives (dossiers.field_id), so that a later version takes out
-- exactly what the earlier one put in. `kstt-api rollups-rebuild` recomputes them from the
-- dossiers (after a procedure changes field, or on a database that had dossiers before this
-- migration: `kstt-api migrate` runs it then).
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS field_id BIGINT NOT NULL DEFAULT 0
  COMMENT 'procedure_fields.id of procedure_code when ingested; 0: not in the catalogue';

CREATE TABLE IF NOT EXISTS kpi_field_daily (
  unit_id BIGINT NOT NULL,
  field_id BIGINT NOT NULL COMMENT 'procedure_fields.id; 0: procedure not in the catalogue',
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
  PRIMARY KEY (unit_id, day, field_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS kpi_field_monthly (
  unit_id BIGINT NOT NULL,
  field_id BIGINT NOT NULL COMMENT 'procedure_fields.id; 0: procedure not in the catalogue',
  month DATE NOT NULL COMMENT 'first day of the month',
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
  PRIMARY KEY (unit_id, month, field_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

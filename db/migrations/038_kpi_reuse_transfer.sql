-- 038_kpi_reuse_transfer: the indicators the seeds name (issue 20). A dossier says whether it was
-- transferred between agencies electronically (internal_transfer); the roll-ups count, on the day
-- received, the dossiers that reused data already held and those transferred electronically
-- (docs/indicators.md). reused_data was stored since 006 but never rolled up: the counts of the
-- dossiers already held are filled in here (SET, not +=, so a re-run changes nothing).
ALTER TABLE dossiers
  ADD COLUMN IF NOT EXISTS internal_transfer TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'transferred between agencies electronically' AFTER reused_data,
  ADD KEY IF NOT EXISTS ix_dossiers_unit_received (unit_id, received_at),
  ADD KEY IF NOT EXISTS ix_dossiers_unit_finished (unit_id, finished_at);

ALTER TABLE kpi_daily
  ADD COLUMN IF NOT EXISTS reused_data INT NOT NULL DEFAULT 0 AFTER late_apology,
  ADD COLUMN IF NOT EXISTS internal_transfer INT NOT NULL DEFAULT 0 AFTER reused_data;
ALTER TABLE kpi_monthly
  ADD COLUMN IF NOT EXISTS reused_data INT NOT NULL DEFAULT 0 AFTER late_apology,
  ADD COLUMN IF NOT EXISTS internal_transfer INT NOT NULL DEFAULT 0 AFTER reused_data;
ALTER TABLE kpi_field_daily
  ADD COLUMN IF NOT EXISTS reused_data INT NOT NULL DEFAULT 0 AFTER late_apology,
  ADD COLUMN IF NOT EXISTS internal_transfer INT NOT NULL DEFAULT 0 AFTER reused_data;
ALTER TABLE kpi_field_monthly
  ADD COLUMN IF NOT EXISTS reused_data INT NOT NULL DEFAULT 0 AFTER late_apology,
  ADD COLUMN IF NOT EXISTS internal_transfer INT NOT NULL DEFAULT 0 AFTER reused_data;

-- Every received dossier already has its day's and month's row (received +1 on that day).
UPDATE kpi_daily k JOIN (SELECT unit_id, DATE(received_at) AS day, COUNT(*) AS n FROM dossiers
  WHERE reused_data = 1 GROUP BY unit_id, DATE(received_at)) x
  ON x.unit_id = k.unit_id AND x.day = k.day SET k.reused_data = x.n;
UPDATE kpi_monthly k JOIN (SELECT unit_id, DATE_FORMAT(received_at, '%Y-%m-01') AS month,
  COUNT(*) AS n FROM dossiers WHERE reused_data = 1
  GROUP BY unit_id, DATE_FORMAT(received_at, '%Y-%m-01')) x
  ON x.unit_id = k.unit_id AND x.month = k.month SET k.reused_data = x.n;
UPDATE kpi_field_daily k JOIN (SELECT unit_id, field_id, DATE(received_at) AS day, COUNT(*) AS n
  FROM dossiers WHERE reused_data = 1 GROUP BY unit_id, field_id, DATE(received_at)) x
  ON x.unit_id = k.unit_id AND x.field_id = k.field_id AND x.day = k.day SET k.reused_data = x.n;
UPDATE kpi_field_monthly k JOIN (SELECT unit_id, field_id,
  DATE_FORMAT(received_at, '%Y-%m-01') AS month, COUNT(*) AS n FROM dossiers
  WHERE reused_data = 1 GROUP BY unit_id, field_id, DATE_FORMAT(received_at, '%Y-%m-01')) x
  ON x.unit_id = k.unit_id AND x.field_id = k.field_id AND x.month = k.month
  SET k.reused_data = x.n;

-- The 766 classification of units by score (thresholds as data, docs/indicators.md): added to
-- the version seeded by 001 only (created_by NULL, no bands yet); no figure of it changes, a
-- score gains its band. Later versions are the administrators' own.
UPDATE rule_sets SET rules_json = JSON_SET(rules_json, '$.bands', JSON_ARRAY(
    JSON_OBJECT('min', 90, 'label', 'Xuất sắc'), JSON_OBJECT('min', 80, 'label', 'Tốt'),
    JSON_OBJECT('min', 65, 'label', 'Khá'), JSON_OBJECT('min', 50, 'label', 'Trung bình'),
    JSON_OBJECT('min', 0, 'label', 'Yếu')))
  WHERE name = 'kpi766' AND effective_from = '2022-06-23' AND created_by IS NULL
    AND JSON_EXTRACT(rules_json, '$.bands') IS NULL;

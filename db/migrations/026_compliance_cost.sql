-- 026_compliance_cost: the compliance cost of a procedure (chi phí tuân thủ) per year, before and
-- after simplification (issue 17). The sheets are kept as sent (JSON) with the sums computed at
-- PUT in columns, so the savings list adds them up in SQL; every PUT also appends a version row
-- (the history), and the audit keeps before/after. Money and hours as integers (hours in
-- hundredths): no float anywhere.
INSERT IGNORE INTO rule_sets (name, effective_from, rules_json, note) VALUES
('cost', '2022-01-01',
 '{"hourly_income":{"2022":38068,"2023":40341,"2024":43750,"2025":47159}}',
 'Thu nhập bình quân tháng của lao động (Tổng cục Thống kê: 2022 6,7 tr; 2023 7,1 tr; 2024 7,7 tr; 2025 8,3 tr ước) chia 176 giờ — cần đối chiếu số liệu chính thức');

CREATE TABLE IF NOT EXISTS procedure_costs (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NOT NULL,
  year SMALLINT NOT NULL,
  hourly_income BIGINT NOT NULL COMMENT 'VND per hour from the cost rule set at the last PUT',
  before_json LONGTEXT NOT NULL COMMENT '{"activities":[{"name","kind","hours","money"}],"frequency","subjects"}',
  after_json LONGTEXT NULL COMMENT 'the same after simplification; NULL = not yet assessed',
  before_per_time BIGINT NOT NULL,
  before_yearly BIGINT NOT NULL,
  after_per_time BIGINT NULL,
  after_yearly BIGINT NULL,
  saving BIGINT NULL COMMENT 'before_yearly - after_yearly; NULL without an after-version',
  saving_pct_h BIGINT NULL COMMENT 'saving in hundredths of a percent; NULL when before_yearly = 0 or no after',
  version INT NOT NULL DEFAULT 1,
  created_by BIGINT NULL,
  updated_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_procedure_costs (procedure_id, year),
  KEY ix_procedure_costs_year (year, procedure_id),
  CONSTRAINT fk_procedure_costs_proc FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every PUT's sheet as it was written: a cost sheet is evidence for the province's decision, so an
-- earlier figure is never lost by a correction.
CREATE TABLE IF NOT EXISTS procedure_cost_versions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cost_id BIGINT NOT NULL,
  version INT NOT NULL,
  hourly_income BIGINT NOT NULL,
  before_json LONGTEXT NOT NULL,
  after_json LONGTEXT NULL,
  before_yearly BIGINT NOT NULL,
  after_yearly BIGINT NULL,
  saving BIGINT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_procedure_cost_versions (cost_id, version),
  CONSTRAINT fk_procedure_cost_versions FOREIGN KEY (cost_id) REFERENCES procedure_costs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

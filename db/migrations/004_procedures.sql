-- 004_procedures: the procedure catalogue (thủ tục hành chính), its fields, history and search words.
--
-- Search: name_folded and search_words are written by the api (core/vnfold) on every write; each
-- api process builds an in-memory inverted index from them and rebuilds it when
-- procedure_catalog.version changes (bumped in every writing transaction). See docs/decisions.md.

-- Lĩnh vực (field of a procedure: Đất đai, Hộ tịch, Chứng thực, ...).
CREATE TABLE procedure_fields (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  name_folded VARCHAR(255) NOT NULL COMMENT 'vnfold(name): one field per folded name',
  sort_order INT NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_procedure_fields_folded (name_folded)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE procedures (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL COMMENT 'national code, e.g. 1.001193',
  name VARCHAR(1000) NOT NULL,
  field_id BIGINT NOT NULL,
  level_province TINYINT(1) NOT NULL DEFAULT 0,
  level_district TINYINT(1) NOT NULL DEFAULT 0,
  level_commune TINYINT(1) NOT NULL DEFAULT 0,
  agency_unit_id BIGINT NULL COMMENT 'handling agency when it is one unit of the tree',
  agency VARCHAR(1000) NULL COMMENT 'component: cơ quan thực hiện, as published',
  time_limit_value DECIMAL(7,2) NULL,
  time_limit_unit ENUM('days','working_days','hours') NULL,
  time_limit_text TEXT NULL COMMENT 'component: thời hạn giải quyết, as published',
  fee_text TEXT NULL,
  fee_amount BIGINT NULL COMMENT 'VND; 0 = free; NULL = not stated as one amount',
  online_level ENUM('full','partial','none') NOT NULL DEFAULT 'none',
  postal TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'accepted/returned by public postal service (BCCI)',
  boundary_free TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'handled regardless of administrative boundary',
  four_on_spot TINYINT(1) NOT NULL DEFAULT 0 COMMENT '"4 tại chỗ"',
  decision_no VARCHAR(64) NULL COMMENT 'publishing decision (quyết định công bố)',
  decision_date DATE NULL,
  effective_date DATE NULL,
  status ENUM('in_force','amended','abolished') NOT NULL DEFAULT 'in_force',
  replaced_by VARCHAR(32) NULL COMMENT 'code of the procedure that replaces an abolished one',
  status_decision_no VARCHAR(64) NULL,
  status_date DATE NULL,
  internal_process_approved TINYINT(1) NOT NULL DEFAULT 0,
  internal_process_decision_no VARCHAR(64) NULL,
  internal_process_date DATE NULL,
  steps MEDIUMTEXT NULL COMMENT 'component: trình tự thực hiện',
  way TEXT NULL COMMENT 'component: cách thức thực hiện',
  dossier MEDIUMTEXT NULL COMMENT 'component: thành phần, số lượng hồ sơ',
  subjects TEXT NULL COMMENT 'component: đối tượng thực hiện',
  requirements TEXT NULL COMMENT 'yêu cầu, điều kiện',
  result TEXT NULL COMMENT 'kết quả thực hiện',
  legal_basis TEXT NULL COMMENT 'căn cứ pháp lý',
  complete TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'all seven published components present (api)',
  name_folded VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'vnfold(name), written by the api',
  search_words MEDIUMTEXT NOT NULL DEFAULT '' COMMENT 'distinct vnfold words of the other components (api)',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_procedures_code (code),
  KEY ix_procedures_field (field_id),
  KEY ix_procedures_agency (agency_unit_id),
  KEY ix_procedures_status (status),
  CONSTRAINT fk_procedures_field FOREIGN KEY (field_id) REFERENCES procedure_fields (id),
  CONSTRAINT fk_procedures_agency FOREIGN KEY (agency_unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of a procedure (besides its audit_log row): kept when the procedure is deleted.
CREATE TABLE procedure_history (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NOT NULL,
  code VARCHAR(32) NOT NULL,
  action ENUM('create','update','status','import','delete') NOT NULL,
  changed VARCHAR(1000) NULL COMMENT 'comma-separated names of the fields that changed',
  note VARCHAR(1000) NULL,
  before_json LONGTEXT NULL,
  after_json LONGTEXT NULL,
  actor_id BIGINT NULL,
  actor_username VARCHAR(64) NULL,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_procedure_history (procedure_id, at),
  KEY ix_procedure_history_code (code, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row: the catalogue's version, bumped by every write; epoch tells databases apart.
CREATE TABLE procedure_catalog (
  id TINYINT NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL DEFAULT 0,
  epoch CHAR(36) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO procedure_catalog (id, version, epoch) VALUES (1, 0, UUID());

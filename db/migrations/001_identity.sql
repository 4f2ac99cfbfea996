-- Organisation tree with history, users, sessions, login attempts and the audit log.
CREATE TABLE units (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(255) NOT NULL,
  name_folded VARCHAR(255) NOT NULL DEFAULT '' COMMENT 'name without diacritics, lower case (vnfold)',
  level ENUM('province','department','district','commune','vertical','onestop') NOT NULL,
  parent_id BIGINT NULL,
  coordinator TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'the Provincial Office: routes feedback, aggregates',
  valid_from DATE NOT NULL DEFAULT '2000-01-01',
  valid_to DATE NULL,
  successor_id BIGINT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_units_code (code),
  KEY ix_units_parent (parent_id),
  KEY ix_units_level (level),
  CONSTRAINT fk_units_parent FOREIGN KEY (parent_id) REFERENCES units (id),
  CONSTRAINT fk_units_successor FOREIGN KEY (successor_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Effective tree (a merged unit hangs under its successor) as a closure, for scope and roll-ups.
CREATE TABLE unit_closure (
  ancestor_id BIGINT NOT NULL,
  descendant_id BIGINT NOT NULL,
  depth INT NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id),
  KEY ix_closure_descendant (descendant_id, ancestor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  full_name VARCHAR(128) NOT NULL,
  email VARCHAR(254) NULL,
  phone VARCHAR(32) NULL,
  unit_id BIGINT NOT NULL,
  role ENUM('admin','leader','specialist','officer','viewer') NOT NULL,
  focal_officer TINYINT(1) NOT NULL DEFAULT 0,
  focal_decision_no VARCHAR(64) NULL,
  focal_decision_date DATE NULL,
  password_hash VARCHAR(255) NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  demo TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'demo account: may log in only when KSTT_DEMO=1',
  external TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'created from an external identity provider token',
  password_changed_at DATETIME NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_users_username (username),
  KEY ix_users_unit (unit_id),
  CONSTRAINT fk_users_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id CHAR(32) NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  refresh_hash CHAR(64) NOT NULL,
  previous_hash CHAR(64) NULL COMMENT 'the refresh token before the last rotation: reuse means theft',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at DATETIME NOT NULL,
  last_used_at DATETIME NULL,
  revoked_at DATETIME NULL,
  address VARCHAR(64) NULL,
  user_agent VARCHAR(255) NULL,
  UNIQUE KEY uq_sessions_refresh (refresh_hash),
  KEY ix_sessions_user (user_id),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE login_attempts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  address VARCHAR(64) NOT NULL,
  success TINYINT(1) NOT NULL,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_login_user (username, at),
  KEY ix_login_addr (address, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  actor_id BIGINT NULL,
  actor_username VARCHAR(64) NULL,
  address VARCHAR(64) NULL,
  action VARCHAR(64) NOT NULL,
  entity VARCHAR(64) NOT NULL,
  entity_id VARCHAR(64) NULL,
  before_json LONGTEXT NULL,
  after_json LONGTEXT NULL,
  request_id VARCHAR(48) NULL,
  KEY ix_audit_at (at),
  KEY ix_audit_entity (entity, entity_id),
  KEY ix_audit_actor (actor_id, at),
  KEY ix_audit_action (action, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Versioned legal numbers (time limits, weights, thresholds, cut-off days), never in code.
CREATE TABLE rule_sets (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  effective_from DATE NOT NULL,
  rules_json LONGTEXT NOT NULL,
  note VARCHAR(255) NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_rule_sets (name, effective_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO rule_sets (name, effective_from, rules_json, note) VALUES
('feedback', '2008-05-01', '{"reject_days":2,"info_request_days":5,"forward_days":5,"answer_days":15,"publish_days":2}', 'Nghị định 20/2008/NĐ-CP (ngày làm việc)'),
('period', '2018-01-01', '{"cutoff_day":14,"commune_submit_day":17,"district_submit_day":18,"province_submit_day":20}', 'Thông tư 01/2020/TT-VPCP: thời gian chốt số liệu'),
('kpi766', '2022-06-23', '{"weights":{"disclosure":18,"progress":20,"online":12,"digitization":22,"payment":10,"satisfaction":18},"thresholds":{"online":0.5,"digitization":0.8,"payment":0.5,"ontime":1.0,"satisfaction":1.0}}', 'Quyết định 766/QĐ-TTg');

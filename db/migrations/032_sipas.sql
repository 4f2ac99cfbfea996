-- 032_sipas: the satisfaction survey (SIPAS, issue 19 part 2). One survey per year moving draft ->
-- open -> closed, its questions and answer scale as data, the surveyed units, one-time links
-- (only a hash of the token is kept), responses (online or typed from a paper form) and their
-- answers. Nothing about a respondent is kept: no name, phone, address or IP (decision 168).

CREATE TABLE IF NOT EXISTS sipas_surveys (
  year SMALLINT NOT NULL PRIMARY KEY,
  title VARCHAR(300) NOT NULL,
  period_from DATE NULL,
  period_to DATE NULL,
  status ENUM('draft','open','closed') NOT NULL DEFAULT 'draft',
  questions_json MEDIUMTEXT NOT NULL COMMENT '[{code, group, text}] checked by core/sipas',
  scale_json TEXT NOT NULL COMMENT '{choices: [{score, label}], satisfied: [scores]}',
  opened_at DATETIME NULL,
  closed_at DATETIME NULL,
  created_by BIGINT NULL,
  updated_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The units surveyed in a year (departments and districts).
CREATE TABLE IF NOT EXISTS sipas_units (
  year SMALLINT NOT NULL,
  unit_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (year, unit_id),
  CONSTRAINT fk_sipas_units_survey FOREIGN KEY (year) REFERENCES sipas_surveys (year),
  CONSTRAINT fk_sipas_units_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One link per sampled respondent: the token is shown once when issued; only its SHA-256 (hex)
-- is kept, so a stolen table answers no survey. Used once (used_at).
CREATE TABLE IF NOT EXISTS sipas_links (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year SMALLINT NOT NULL,
  unit_id BIGINT NOT NULL,
  token_hash CHAR(64) NOT NULL,
  used_at DATETIME NULL,
  issued_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_sipas_links_token (token_hash),
  KEY ix_sipas_links_unit (year, unit_id),
  CONSTRAINT fk_sipas_links_unit FOREIGN KEY (year, unit_id) REFERENCES sipas_units (year, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A response: the unit it rates, how it came (online by a link, or a paper form typed by an
-- officer: entered_by) and when. No link id either: an answer cannot be traced to whom a link
-- was given.
CREATE TABLE IF NOT EXISTS sipas_responses (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year SMALLINT NOT NULL,
  unit_id BIGINT NOT NULL,
  channel ENUM('online','paper') NOT NULL,
  entered_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_sipas_responses_unit (year, unit_id),
  CONSTRAINT fk_sipas_responses_unit FOREIGN KEY (year, unit_id) REFERENCES sipas_units (year, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS sipas_answers (
  response_id BIGINT NOT NULL,
  code VARCHAR(16) NOT NULL,
  score TINYINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (response_id, code),
  CONSTRAINT fk_sipas_answers_response FOREIGN KEY (response_id) REFERENCES sipas_responses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

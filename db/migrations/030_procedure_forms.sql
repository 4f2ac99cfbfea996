-- 030_procedure_forms: the forms of a procedure (mẫu đơn, tờ khai) as files the public page offers
-- for download (issue 16). A form is withdrawn, never deleted: a citizen may have filled the old
-- one, and the row is the record of what the catalogue offered when.
CREATE TABLE IF NOT EXISTS procedure_forms (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NOT NULL,
  n INT NOT NULL COMMENT 'its number within the procedure, 1.. (the download address)',
  name VARCHAR(255) NOT NULL COMMENT 'the file name as uploaded',
  sha256 CHAR(64) NOT NULL COMMENT 'the stored file',
  mime VARCHAR(100) NOT NULL,
  size BIGINT NOT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  withdrawn_at DATETIME NULL,
  withdrawn_by BIGINT NULL,
  UNIQUE KEY uq_procedure_forms (procedure_id, n),
  KEY ix_procedure_forms_sha (sha256),
  CONSTRAINT fk_procedure_forms_proc FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 033_index_evidence: evidence files of the reform index (issue 19). A unit attaches documents
-- (PDF, DOCX, XLSX, images) to a leaf's score while its self-assessment is draft or returned.
-- A file is evidence of the score: never deleted; a unit withdraws it (withdrawn_at, by whom),
-- and the row and the bytes stay (decision 172). The hash column is `sha256` (decision 131: the
-- uploads sweep keeps every file a row names).
CREATE TABLE IF NOT EXISTS ri_evidence_files (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  assessment_id BIGINT NOT NULL,
  code VARCHAR(24) NOT NULL COMMENT 'the scored leaf',
  name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mime VARCHAR(100) NOT NULL,
  size BIGINT NOT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  withdrawn_at DATETIME NULL,
  withdrawn_by BIGINT NULL,
  KEY ix_ri_evidence_files (assessment_id, code),
  KEY ix_ri_evidence_files_sha (sha256),
  CONSTRAINT fk_ri_evidence_files_assessment FOREIGN KEY (assessment_id) REFERENCES ri_assessments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

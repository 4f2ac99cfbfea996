-- 037_unit_reorganizations: the 2025 reorganisation of units (issue 20). A reorganisation is
-- recorded once (who, from when, what was asked and done); every unit whose effective parent it
-- changes (merged, retired or moved) keeps its former effective parent here, so that
-- unit_closure still holds the old subtree: a retired district's figures for the years before
-- the change stay as they were, while its communes roll up to their new parent as well.
CREATE TABLE IF NOT EXISTS unit_reorganizations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  effective_from DATE NOT NULL,
  request_json LONGTEXT NOT NULL COMMENT 'the request body as accepted',
  result_json LONGTEXT NOT NULL COMMENT 'the changes and the objects moved',
  actor_id BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_reorg_effective (effective_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS unit_parent_history (
  unit_id BIGINT NOT NULL,
  parent_id BIGINT NOT NULL COMMENT 'the effective parent the unit had until valid_to',
  valid_to DATE NOT NULL,
  reorganization_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (unit_id, parent_id),
  KEY ix_uph_parent (parent_id),
  CONSTRAINT fk_uph_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_uph_parent FOREIGN KEY (parent_id) REFERENCES units (id),
  CONSTRAINT fk_uph_reorg FOREIGN KEY (reorganization_id) REFERENCES unit_reorganizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

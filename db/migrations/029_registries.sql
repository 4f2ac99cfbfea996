-- 029_registries: the coordinator's registries (issue 18): focal officers' appointments, training
-- courses with their attendance and materials, and the budget for controlling procedures
-- (Thông tư 167/2012/TT-BTC) by editable category. Evidence (decision files, materials, budget
-- lines) is ended, withdrawn or voided, never deleted.
CREATE TABLE IF NOT EXISTS focal_appointments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  decision_no VARCHAR(64) NOT NULL COMMENT 'the appointing decision (số quyết định)',
  decision_date DATE NOT NULL,
  decision_name VARCHAR(255) NULL COMMENT 'the decision file as uploaded',
  decision_sha256 CHAR(64) NULL COMMENT 'the stored decision file',
  decision_mime VARCHAR(100) NULL,
  decision_size BIGINT NULL,
  start_date DATE NOT NULL,
  end_date DATE NULL COMMENT 'the first day the officer no longer serves; NULL: open-ended',
  end_reason VARCHAR(255) NULL,
  ended_by BIGINT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_focal_unit (unit_id, end_date),
  KEY ix_focal_user (user_id, end_date),
  KEY ix_focal_sha (decision_sha256),
  CONSTRAINT fk_focal_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_focal_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS trainings (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  organiser_unit_id BIGINT NOT NULL,
  level ENUM('province','department','district','commune','vertical','onestop') NOT NULL
    COMMENT 'the organiser''s level when the course was recorded (the counts by level)',
  topic VARCHAR(500) NOT NULL,
  held_on DATE NOT NULL,
  online TINYINT(1) NOT NULL DEFAULT 0,
  place VARCHAR(255) NULL,
  note VARCHAR(2000) NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_trainings_held (held_on),
  KEY ix_trainings_unit (organiser_unit_id, held_on),
  CONSTRAINT fk_trainings_unit FOREIGN KEY (organiser_unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An attendee with the unit they belonged to on the day (a later move does not rewrite history).
CREATE TABLE IF NOT EXISTS training_attendees (
  training_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (training_id, user_id),
  KEY ix_training_att_user (user_id),
  KEY ix_training_att_unit (unit_id),
  CONSTRAINT fk_training_att_training FOREIGN KEY (training_id) REFERENCES trainings (id),
  CONSTRAINT fk_training_att_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_training_att_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS training_materials (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  training_id BIGINT NOT NULL,
  n INT NOT NULL COMMENT 'its number within the course, 1.. (the download address)',
  name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mime VARCHAR(100) NOT NULL,
  size BIGINT NOT NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  withdrawn_at DATETIME NULL,
  UNIQUE KEY uq_training_materials (training_id, n),
  KEY ix_training_materials_sha (sha256),
  CONSTRAINT fk_training_materials_training FOREIGN KEY (training_id) REFERENCES trainings (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS budget_categories (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(500) NOT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_budget_categories_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Money in whole đồng (BIGINT): never a float. A wrong line is voided, not deleted.
CREATE TABLE IF NOT EXISTS budget_lines (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NOT NULL,
  year INT NOT NULL,
  category_id BIGINT NOT NULL,
  kind ENUM('allocation','spending') NOT NULL,
  amount BIGINT NOT NULL COMMENT 'VND, exact',
  line_date DATE NULL,
  note VARCHAR(1000) NULL,
  voided_at DATETIME NULL,
  created_by BIGINT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_budget_unit_year (unit_id, year, category_id),
  CONSTRAINT fk_budget_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_budget_category FOREIGN KEY (category_id) REFERENCES budget_categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The spending contents of Thông tư 167/2012/TT-BTC, Điều 3 (editable afterwards).
INSERT IGNORE INTO budget_categories (code, name, sort_order) VALUES
  ('TT167-1', 'Rà soát, đánh giá, đơn giản hóa thủ tục hành chính, quy định có liên quan', 10),
  ('TT167-2', 'Lấy ý kiến, đánh giá tác động đối với thủ tục hành chính trong dự án, dự thảo văn bản', 20),
  ('TT167-3', 'Công bố, công khai, cập nhật thủ tục hành chính vào Cơ sở dữ liệu quốc gia', 30),
  ('TT167-4', 'Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính', 40),
  ('TT167-5', 'Tập huấn, bồi dưỡng nghiệp vụ kiểm soát thủ tục hành chính', 50),
  ('TT167-6', 'Kiểm tra, đôn đốc công tác kiểm soát thủ tục hành chính', 60),
  ('TT167-7', 'Thông tin, tuyên truyền về kiểm soát thủ tục hành chính', 70),
  ('TT167-8', 'Chi hỗ trợ cán bộ, công chức đầu mối làm nhiệm vụ kiểm soát thủ tục hành chính', 80),
  ('TT167-9', 'Văn phòng phẩm, in ấn, thông tin liên lạc và các khoản chi khác', 90);

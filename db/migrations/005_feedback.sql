-- 005_feedback: citizen feedback (phản ánh, kiến nghị, Nghị định 20/2008/NĐ-CP), its attachments,
-- events, used proof-of-work challenges, in-app notifications, the mail outbox and job runs.
--
-- The procedure a feedback names is kept by its code, without a foreign key: the catalogue may
-- be re-imported, and the api checks the code against `procedures` when that table exists.

CREATE TABLE feedback (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tracking_code CHAR(12) NOT NULL COMMENT '12 symbols without dashes (60 random bits)',
  status ENUM('new','rejected','needs_info','accepted','forwarded','processing','answered',
              'published','returned','duplicate') NOT NULL DEFAULT 'new',
  channel ENUM('web','email','phone','post','direct') NOT NULL DEFAULT 'web',
  -- the sender (personal data: never in a public response)
  sender_kind ENUM('person','organization') NOT NULL DEFAULT 'person',
  sender_name VARCHAR(255) NOT NULL,
  organization VARCHAR(255) NULL,
  address VARCHAR(500) NOT NULL,
  phone VARCHAR(32) NOT NULL,
  email VARCHAR(254) NULL,
  -- what it is about
  title VARCHAR(500) NOT NULL,
  content TEXT NOT NULL COMMENT 'at most 10,000 characters',
  type TINYINT NOT NULL COMMENT '1..8: the kinds of Điều 5, Nghị định 20/2008, in order',
  field VARCHAR(255) NULL COMMENT 'lĩnh vực, set when classified',
  procedure_code VARCHAR(32) NULL,
  unit_id BIGINT NULL COMMENT 'the unit the sender names (optional)',
  -- routing
  assigned_unit_id BIGINT NULL COMMENT 'the unit it is forwarded to',
  duplicate_of BIGINT NULL,
  -- clocks (dates the legal time limits count from) and the current step''s deadline
  received_at DATETIME NOT NULL,
  intake_at DATETIME NOT NULL COMMENT 'received, or the sender''s reply to an information request',
  status_since DATETIME NOT NULL,
  returned_at DATETIME NULL,
  forwarded_at DATETIME NULL,
  answered_at DATETIME NULL,
  published_at DATETIME NULL,
  closed_at DATETIME NULL,
  due_date DATE NULL COMMENT 'deadline of the current step (NULL: no clock runs)',
  answer_due DATE NOT NULL COMMENT 'answer date told to the sender, updated when forwarded',
  answer_due_at_forward DATE NULL COMMENT 'for the on-time statistic',
  -- decisions
  reject_reason ENUM('not_admin_regulation','complaint','denunciation','already_handled',
                     'not_competent','incomplete','anonymous_or_false','offensive','other') NULL,
  reject_note TEXT NULL,
  redirect_to VARCHAR(500) NULL COMMENT 'where the sender should go instead',
  return_reason TEXT NULL,
  info_request TEXT NULL,
  info_requested_at DATETIME NULL,
  info_reply TEXT NULL,
  info_replied_at DATETIME NULL,
  answer_text MEDIUMTEXT NULL COMMENT 'the unit''s draft, then the published answer',
  answer_unit_id BIGINT NULL,
  answer_by BIGINT NULL,
  rating ENUM('satisfied','unsatisfied') NULL,
  rating_comment VARCHAR(1000) NULL,
  rated_at DATETIME NULL,
  search_folded MEDIUMTEXT NULL COMMENT 'vnfold(title, content, answer) once published',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_feedback_code (tracking_code),
  KEY ix_feedback_status (status, due_date),
  KEY ix_feedback_assigned (assigned_unit_id, status),
  KEY ix_feedback_received (received_at),
  KEY ix_feedback_published (status, published_at),
  CONSTRAINT fk_feedback_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_feedback_assigned FOREIGN KEY (assigned_unit_id) REFERENCES units (id),
  CONSTRAINT fk_feedback_answer_unit FOREIGN KEY (answer_unit_id) REFERENCES units (id),
  CONSTRAINT fk_feedback_duplicate FOREIGN KEY (duplicate_of) REFERENCES feedback (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files stored under their SHA-256 in KSTT_UPLOAD_DIR (outside the web root).
CREATE TABLE feedback_files (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  feedback_id BIGINT NOT NULL,
  kind ENUM('submission','info_reply') NOT NULL DEFAULT 'submission',
  name VARCHAR(255) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mime VARCHAR(128) NOT NULL,
  size BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_feedback_files (feedback_id),
  KEY ix_feedback_files_sha (sha256),
  CONSTRAINT fk_feedback_files FOREIGN KEY (feedback_id) REFERENCES feedback (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every transition: who (citizen, coordinator, unit, system), when, from, to, and the staff note
-- (internal: the public history shows dates and step names only).
CREATE TABLE feedback_events (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  feedback_id BIGINT NOT NULL,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  actor_kind ENUM('citizen','coordinator','unit','system') NOT NULL,
  actor_id BIGINT NULL,
  actor_unit_id BIGINT NULL,
  action VARCHAR(32) NOT NULL,
  from_status VARCHAR(16) NULL,
  to_status VARCHAR(16) NOT NULL,
  unit_id BIGINT NULL COMMENT 'the unit concerned (forward, return)',
  note TEXT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_feedback_events (feedback_id, at),
  CONSTRAINT fk_feedback_events FOREIGN KEY (feedback_id) REFERENCES feedback (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Proof-of-work challenges already spent: the primary key makes each one single use; rows are
-- purged after they expire (an expired challenge fails on its own).
CREATE TABLE altcha_used (
  challenge CHAR(64) NOT NULL PRIMARY KEY,
  expires_at DATETIME NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_altcha_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- In-app notifications, to a unit (everyone in it) or one user; `dedupe` keeps a daily reminder
-- from being written twice when two hosts or two runs race.
CREATE TABLE notifications (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT NULL,
  user_id BIGINT NULL,
  kind VARCHAR(32) NOT NULL,
  entity VARCHAR(32) NULL,
  entity_id BIGINT NULL,
  title VARCHAR(500) NOT NULL,
  body TEXT NULL,
  link VARCHAR(255) NULL,
  dedupe VARCHAR(128) NULL,
  read_at DATETIME NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_notifications_dedupe (dedupe),
  KEY ix_notifications_unit (unit_id, created_at),
  KEY ix_notifications_user (user_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Mail waiting to go out (written in the transaction that causes it; sent by the scheduler).
CREATE TABLE mail_outbox (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  recipient VARCHAR(254) NOT NULL,
  subject VARCHAR(500) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_try_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at DATETIME NULL,
  last_error VARCHAR(500) NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_mail_pending (sent_at, next_try_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Background jobs that must run once per day across all api hosts.
CREATE TABLE job_runs (
  job VARCHAR(64) NOT NULL,
  run_day DATE NOT NULL,
  started_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  finished_at DATETIME NULL,
  note VARCHAR(500) NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (job, run_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

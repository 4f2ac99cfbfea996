-- 035_job_leases: the scheduler's single-run guard as a lease row (issue 21). GET_LOCK is local to
-- one MariaDB server, so under Galera two api hosts on two nodes would both take "the" lock and
-- both run every job. A row in an InnoDB table is replicated and certified: of two hosts taking
-- the same expired lease at once, one commits and the other gets a certification failure (or, on
-- one node, waits for the row lock and then finds it held). A grant covers the job's period
-- (expires_at), so of two hosts the second finds this period's run done: one run per period in
-- the cluster, also after a host restarts; busy_until marks the run itself (a manual run-job may
-- start a new period, never overlap a run). The fencing counter grows with every grant, so a
-- holder whose run outlived its lease cannot release its successor's.
CREATE TABLE IF NOT EXISTS job_leases (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  holder VARCHAR(128) NOT NULL DEFAULT '' COMMENT 'host:pid of the holder, empty when never held',
  fence BIGINT NOT NULL DEFAULT 0 COMMENT 'grants so far: the current holder has the latest',
  acquired_at DATETIME(3) NULL,
  expires_at DATETIME(3) NOT NULL COMMENT 'end of the period the grant covers',
  busy_until DATETIME(3) NOT NULL DEFAULT '1970-01-02 00:00:00' COMMENT 'the run holds it until then at most',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE job_runs ADD COLUMN IF NOT EXISTS fence BIGINT NULL COMMENT 'the lease grant the run held';
ALTER TABLE job_runs ADD COLUMN IF NOT EXISTS holder VARCHAR(128) NULL COMMENT 'host:pid that ran it';

-- 018_task_reminders: the rule set of the scheduler's task reminders (issue 15), read by
-- core/task_clock (task_rules_from_json) through the job "task-reminders" (fcgi/api/task_reminders.c).
--   remind_before_working_days: reminders "sắp đến hạn" this many working days before an
--     assignment's due date (the holiday calendar applies); at most 8 values, each 0..250;
--   overdue_every_working_days: once overdue, a reminder "quá hạn" every this many working days
--     after the due date (the first one that many working days after it), 1..250;
--   overdue_max: at most this many overdue reminders per due date (0: none), 0..100.
-- Decision: the version in force on the day the job runs applies (not the one at the due date):
-- an assignment's due date is not a reporting period, and a province changing how it chases
-- late tasks means from now on. A bad value keeps the default written here, which is also what
-- the code uses when no version exists.
INSERT IGNORE INTO rule_sets (name, effective_from, rules_json, note) VALUES
('tasks', '2018-01-01',
 '{"remind_before_working_days":[5,1],"overdue_every_working_days":5,"overdue_max":6}',
 'Nhắc nhiệm vụ: trước hạn (ngày làm việc), quá hạn nhắc lại mỗi N ngày làm việc, tối đa');

-- The job selects open assignments by due date alone (a window around today), across units.
ALTER TABLE assignments ADD INDEX IF NOT EXISTS ix_assignments_due (due_date);

-- 042_data_versions: the versions the authenticated lists' cached answers are keyed by (issue 21,
-- decision 214). Each area counts every change to any table its lists read: assignments (the
-- assignment lists: plans, tasks, assignments, progress updates, the inspections and dialogues
-- a follow-up names) and feedback (the inbox: items and the rule sets of their clocks); units,
-- the unit tree and the holidays feed both (names, scope, working-day states). The counters are
-- bumped by triggers rather than by each handler, so that no writer (an import, a
-- reorganisation, the scheduler, the demo loader, a hand-made UPDATE) can forget one. They are
-- read with the session on every authenticated request (one round trip), so a cached answer is
-- never served after a change its reader can see.
-- Note for operators: with binary logging on, creating triggers needs SUPER or
-- log_bin_trust_function_creators = 1 for the migrating account (docs/operations.md).
CREATE TABLE IF NOT EXISTS data_versions (
  area VARCHAR(32) NOT NULL PRIMARY KEY COMMENT 'assignments | feedback',
  version BIGINT NOT NULL DEFAULT 0 COMMENT 'bumped by a trigger on every change the area reads'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT IGNORE INTO data_versions (area, version) VALUES ('assignments', 0), ('feedback', 0);

CREATE TRIGGER IF NOT EXISTS dv_assignments_ins AFTER INSERT ON assignments FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_assignments_upd AFTER UPDATE ON assignments FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_assignments_del AFTER DELETE ON assignments FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_tasks_ins AFTER INSERT ON tasks FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_tasks_upd AFTER UPDATE ON tasks FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_tasks_del AFTER DELETE ON tasks FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_plans_ins AFTER INSERT ON plans FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_plans_upd AFTER UPDATE ON plans FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_plans_del AFTER DELETE ON plans FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_task_updates_ins AFTER INSERT ON task_updates FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_task_updates_upd AFTER UPDATE ON task_updates FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_task_updates_del AFTER DELETE ON task_updates FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_inspections_ins AFTER INSERT ON inspections FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_inspections_upd AFTER UPDATE ON inspections FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_inspections_del AFTER DELETE ON inspections FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_communications_ins AFTER INSERT ON communications FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_communications_upd AFTER UPDATE ON communications FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_communications_del AFTER DELETE ON communications FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'assignments';
CREATE TRIGGER IF NOT EXISTS dv_feedback_ins AFTER INSERT ON feedback FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'feedback';
CREATE TRIGGER IF NOT EXISTS dv_feedback_upd AFTER UPDATE ON feedback FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'feedback';
CREATE TRIGGER IF NOT EXISTS dv_feedback_del AFTER DELETE ON feedback FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'feedback';
CREATE TRIGGER IF NOT EXISTS dv_rule_sets_ins AFTER INSERT ON rule_sets FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'feedback';
CREATE TRIGGER IF NOT EXISTS dv_rule_sets_upd AFTER UPDATE ON rule_sets FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'feedback';
CREATE TRIGGER IF NOT EXISTS dv_rule_sets_del AFTER DELETE ON rule_sets FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'feedback';
CREATE TRIGGER IF NOT EXISTS dv_units_ins AFTER INSERT ON units FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_units_upd AFTER UPDATE ON units FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_units_del AFTER DELETE ON units FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_unit_closure_ins AFTER INSERT ON unit_closure FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_unit_closure_upd AFTER UPDATE ON unit_closure FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_unit_closure_del AFTER DELETE ON unit_closure FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_holidays_ins AFTER INSERT ON holidays FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_holidays_upd AFTER UPDATE ON holidays FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');
CREATE TRIGGER IF NOT EXISTS dv_holidays_del AFTER DELETE ON holidays FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area IN ('assignments', 'feedback');

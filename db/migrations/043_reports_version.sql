-- 043_reports_version: a data version for the reports tracker's cached answers (issue 21,
-- decision 221). The tracker of a parent unit reads reports, the unit tree (units, unit_closure:
-- names, validity, scope), the period rules (rule_sets) and the holidays (due dates); a trigger on
-- each bumps the 'reports' counter, so no writer (the API, the reminders job, an import, a
-- hand-made UPDATE) can leave a cached tracker behind a change. MariaDB runs several triggers of
-- one table and event in order, so migration 042's triggers stay as they are.
INSERT IGNORE INTO data_versions (area, version) VALUES ('reports', 0);

CREATE TRIGGER IF NOT EXISTS dv_reports_ins AFTER INSERT ON reports FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_upd AFTER UPDATE ON reports FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_del AFTER DELETE ON reports FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_units_ins AFTER INSERT ON units FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_units_upd AFTER UPDATE ON units FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_units_del AFTER DELETE ON units FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_unit_closure_ins AFTER INSERT ON unit_closure FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_unit_closure_upd AFTER UPDATE ON unit_closure FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_unit_closure_del AFTER DELETE ON unit_closure FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_rule_sets_ins AFTER INSERT ON rule_sets FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_rule_sets_upd AFTER UPDATE ON rule_sets FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_rule_sets_del AFTER DELETE ON rule_sets FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_holidays_ins AFTER INSERT ON holidays FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_holidays_upd AFTER UPDATE ON holidays FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';
CREATE TRIGGER IF NOT EXISTS dv_reports_holidays_del AFTER DELETE ON holidays FOR EACH ROW
  UPDATE data_versions SET version = version + 1 WHERE area = 'reports';

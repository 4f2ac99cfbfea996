-- The reform index's appraising unit (Sở Nội vụ, rule set 'reform_index'): a specialist who keeps
-- the criteria and appraises, and a department leader who submits Sở Tư pháp's self-assessment.
INSERT INTO users (username, full_name, email, phone, unit_id, role, focal_officer, focal_decision_no, focal_decision_date, demo) VALUES
  ('snv.cchc', 'Đặng Thị Hạnh', 'snv.cchc@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='SNV'), 'specialist', 0, NULL, NULL, 1),
  ('stp.lanhdao', 'Trịnh Văn Bình', 'stp.lanhdao@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='STP'), 'leader', 0, NULL, NULL, 1);

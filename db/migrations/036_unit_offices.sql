-- 036_unit_offices: offices (phòng chuyên môn), a unit level below departments, districts and
-- communes (issue 20). A district plan's lead units are the district's own offices ("Phòng Tư
-- pháp", "Văn phòng HĐND và UBND"), so they are units like any other: assignable, scoped through
-- unit_closure (rebuilt from parent_id by units_refresh_derived), holding users.
ALTER TABLE units
  MODIFY level ENUM('province','department','district','commune','vertical','onestop','office') NOT NULL,
  ADD COLUMN IF NOT EXISTS aliases TEXT NULL
    COMMENT 'JSON array of the other names documents use for the unit (an office''s short name), for plan import matching'
    AFTER name_folded;
-- A course organised by an office records the office's level.
ALTER TABLE trainings
  MODIFY level ENUM('province','department','district','commune','vertical','onestop','office') NOT NULL
    COMMENT 'the organiser''s level when the course was recorded (the counts by level)';

-- The standard offices created in bulk under a new parent (POST /units/{id}/offices), per parent
-- level: {code_suffix, name, aliases}. A unit is named "<name> <the parent's local name>"
-- ("Phòng Tư pháp huyện Mỹ Lộc") with code "<parent code>-<code_suffix>"; name and aliases are
-- what a plan writes. Districts: Nghị định 37/2014/NĐ-CP as amended by 108/2020/NĐ-CP (the usual
-- 12 offices; a city has Phòng Quản lý đô thị in place of Kinh tế và Hạ tầng, written as an
-- alias). Communes: the offices of a commune of the two-level local government (Nghị định
-- 150/2025/NĐ-CP, from 01/07/2025). A province edits the lists by a new version.
INSERT IGNORE INTO rule_sets (name, effective_from, rules_json, note) VALUES
('standard_offices', '2020-01-01', '{"district":[
 {"code_suffix":"VP","name":"Văn phòng HĐND và UBND","aliases":["Văn phòng HĐND-UBND","VP HĐND và UBND","VP HĐND-UBND"]},
 {"code_suffix":"NV","name":"Phòng Nội vụ","aliases":["Phòng NV"]},
 {"code_suffix":"TP","name":"Phòng Tư pháp","aliases":["Phòng TP"]},
 {"code_suffix":"TCKH","name":"Phòng Tài chính – Kế hoạch","aliases":["Phòng Tài chính - Kế hoạch","Phòng TC-KH","Phòng TCKH"]},
 {"code_suffix":"KTHT","name":"Phòng Kinh tế và Hạ tầng","aliases":["Phòng Kinh tế - Hạ tầng","Phòng KT&HT","Phòng Quản lý đô thị","Phòng QLĐT"]},
 {"code_suffix":"TNMT","name":"Phòng Tài nguyên và Môi trường","aliases":["Phòng TN&MT","Phòng TNMT"]},
 {"code_suffix":"LDTBXH","name":"Phòng Lao động – Thương binh và Xã hội","aliases":["Phòng Lao động - Thương binh và Xã hội","Phòng LĐ-TB&XH","Phòng LĐTBXH"]},
 {"code_suffix":"VHTT","name":"Phòng Văn hóa và Thông tin","aliases":["Phòng VH&TT","Phòng VHTT"]},
 {"code_suffix":"GDDT","name":"Phòng Giáo dục và Đào tạo","aliases":["Phòng GD&ĐT","Phòng GDĐT"]},
 {"code_suffix":"YT","name":"Phòng Y tế","aliases":[]},
 {"code_suffix":"TTR","name":"Thanh tra","aliases":["Thanh tra huyện","Thanh tra thành phố"]},
 {"code_suffix":"NN","name":"Phòng Nông nghiệp và Phát triển nông thôn","aliases":["Phòng Nông nghiệp và PTNT","Phòng NN&PTNT","Phòng NN và PTNT"]}],
"commune":[
 {"code_suffix":"VP","name":"Văn phòng HĐND và UBND","aliases":["Văn phòng HĐND-UBND","VP HĐND và UBND"]},
 {"code_suffix":"KT","name":"Phòng Kinh tế","aliases":["Phòng Kinh tế, Hạ tầng và Đô thị"]},
 {"code_suffix":"VHXH","name":"Phòng Văn hóa – Xã hội","aliases":["Phòng Văn hóa - Xã hội","Phòng VH-XH"]}],
"department":[]}',
 'Các phòng chuyên môn chuẩn: cấp huyện (NĐ 37/2014, NĐ 108/2020), cấp xã (NĐ 150/2025)');

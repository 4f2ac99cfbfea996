-- Demo province (Nam Định, three-level structure of 2022-2023): units and accounts.
-- Loaded by `kstt-api load-demo` on an empty database; passwords are set by that command.
INSERT INTO units (code, name, level, parent_id, coordinator, sort_order) VALUES ('NDH', 'UBND tỉnh Nam Định', 'province', NULL, 0, 0);
SET @p = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, coordinator, sort_order) VALUES
  ('VP', 'Văn phòng UBND tỉnh', 'department', @p, 1, 1),
  ('STP', 'Sở Tư pháp', 'department', @p, 0, 2),
  ('SNV', 'Sở Nội vụ', 'department', @p, 0, 3),
  ('STC', 'Sở Tài chính', 'department', @p, 0, 4),
  ('STTTT', 'Sở Thông tin và Truyền thông', 'department', @p, 0, 5),
  ('SKHDT', 'Sở Kế hoạch và Đầu tư', 'department', @p, 0, 6),
  ('STNMT', 'Sở Tài nguyên và Môi trường', 'department', @p, 0, 7),
  ('SXD', 'Sở Xây dựng', 'department', @p, 0, 8),
  ('SGTVT', 'Sở Giao thông vận tải', 'department', @p, 0, 9),
  ('SCT', 'Sở Công Thương', 'department', @p, 0, 10),
  ('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn', 'department', @p, 0, 11),
  ('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', 'department', @p, 0, 12),
  ('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 'department', @p, 0, 13),
  ('SYT', 'Sở Y tế', 'department', @p, 0, 14),
  ('SGDDT', 'Sở Giáo dục và Đào tạo', 'department', @p, 0, 15),
  ('SKHCN', 'Sở Khoa học và Công nghệ', 'department', @p, 0, 16),
  ('TTRA', 'Thanh tra tỉnh', 'department', @p, 0, 17),
  ('BQLKCN', 'Ban Quản lý các khu công nghiệp tỉnh', 'department', @p, 0, 18),
  ('TTPVHCC', 'Trung tâm Phục vụ hành chính công tỉnh', 'onestop', @p, 0, 40),
  ('CAT', 'Công an tỉnh', 'vertical', @p, 0, 50),
  ('CTHUE', 'Cục Thuế tỉnh', 'vertical', @p, 0, 51),
  ('BHXH', 'Bảo hiểm xã hội tỉnh', 'vertical', @p, 0, 52);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H01', 'UBND thành phố Nam Định', 'district', @p, 101);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0101', 'UBND phường Vị Xuyên', 'commune', @d, 1),
  ('X0102', 'UBND phường Trần Hưng Đạo', 'commune', @d, 2),
  ('X0103', 'UBND phường Lộc Hạ', 'commune', @d, 3),
  ('X0104', 'UBND xã Nam Phong', 'commune', @d, 4);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H02', 'UBND huyện Mỹ Lộc', 'district', @p, 102);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0201', 'UBND thị trấn Mỹ Lộc', 'commune', @d, 1),
  ('X0202', 'UBND xã Mỹ Hà', 'commune', @d, 2),
  ('X0203', 'UBND xã Mỹ Thịnh', 'commune', @d, 3),
  ('X0204', 'UBND xã Mỹ Tân', 'commune', @d, 4);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H03', 'UBND huyện Vụ Bản', 'district', @p, 103);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0301', 'UBND thị trấn Gôi', 'commune', @d, 1),
  ('X0302', 'UBND xã Liên Minh', 'commune', @d, 2),
  ('X0303', 'UBND xã Kim Thái', 'commune', @d, 3),
  ('X0304', 'UBND xã Hiển Khánh', 'commune', @d, 4);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H04', 'UBND huyện Ý Yên', 'district', @p, 104);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0401', 'UBND thị trấn Lâm', 'commune', @d, 1),
  ('X0402', 'UBND xã Yên Thọ', 'commune', @d, 2),
  ('X0403', 'UBND xã Yên Ninh', 'commune', @d, 3),
  ('X0404', 'UBND xã Yên Phong', 'commune', @d, 4);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H05', 'UBND huyện Nam Trực', 'district', @p, 105);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0501', 'UBND thị trấn Nam Giang', 'commune', @d, 1),
  ('X0502', 'UBND xã Nam Hùng', 'commune', @d, 2),
  ('X0503', 'UBND xã Nam Thanh', 'commune', @d, 3),
  ('X0504', 'UBND xã Điền Xá', 'commune', @d, 4);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H06', 'UBND huyện Trực Ninh', 'district', @p, 106);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0601', 'UBND thị trấn Cổ Lễ', 'commune', @d, 1),
  ('X0602', 'UBND xã Trực Hùng', 'commune', @d, 2),
  ('X0603', 'UBND xã Trực Đại', 'commune', @d, 3),
  ('X0604', 'UBND xã Trực Thái', 'commune', @d, 4);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H07', 'UBND huyện Xuân Trường', 'district', @p, 107);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0701', 'UBND thị trấn Xuân Trường', 'commune', @d, 1),
  ('X0702', 'UBND xã Xuân Hồng', 'commune', @d, 2),
  ('X0703', 'UBND xã Xuân Thủy', 'commune', @d, 3);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H08', 'UBND huyện Giao Thủy', 'district', @p, 108);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0801', 'UBND thị trấn Ngô Đồng', 'commune', @d, 1),
  ('X0802', 'UBND xã Giao Thiện', 'commune', @d, 2),
  ('X0803', 'UBND xã Giao Xuân', 'commune', @d, 3),
  ('X0804', 'UBND xã Bạch Long', 'commune', @d, 4);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H09', 'UBND huyện Hải Hậu', 'district', @p, 109);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X0901', 'UBND thị trấn Yên Định', 'commune', @d, 1),
  ('X0902', 'UBND xã Hải Hà', 'commune', @d, 2),
  ('X0903', 'UBND xã Hải Lý', 'commune', @d, 3),
  ('X0904', 'UBND xã Hải Phúc', 'commune', @d, 4),
  ('X0905', 'UBND xã Hải Đông', 'commune', @d, 5);
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES ('H10', 'UBND huyện Nghĩa Hưng', 'district', @p, 110);
SET @d = LAST_INSERT_ID();
INSERT INTO units (code, name, level, parent_id, sort_order) VALUES
  ('X1001', 'UBND thị trấn Liễu Đề', 'commune', @d, 1),
  ('X1002', 'UBND xã Nghĩa Thắng', 'commune', @d, 2),
  ('X1003', 'UBND xã Nghĩa Lâm', 'commune', @d, 3);
INSERT INTO users (username, full_name, email, phone, unit_id, role, focal_officer, focal_decision_no, focal_decision_date, demo) VALUES
  ('admin', 'Nguyễn Văn Quản', 'admin@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='NDH'), 'admin', 0, NULL, NULL, 1),
  ('vp.kstt', 'Trần Thị Hà', 'vp.kstt@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='VP'), 'specialist', 1, '125/QĐ-UBND', '2023-01-16', 1),
  ('lanhdao.tinh', 'Phạm Đình Nghị', 'lanhdao.tinh@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='NDH'), 'leader', 0, NULL, NULL, 1),
  ('stp.daumoi', 'Lê Thị Thu', 'stp.daumoi@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='STP'), 'officer', 1, '125/QĐ-UBND', '2023-01-16', 1),
  ('huyen1.lanhdao', 'Vũ Văn Hùng', 'huyen1.lanhdao@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='H01'), 'leader', 0, NULL, NULL, 1),
  ('huyen1.daumoi', 'Đỗ Thị Lan', 'huyen1.daumoi@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='H01'), 'officer', 1, '125/QĐ-UBND', '2023-01-16', 1),
  ('xa11.daumoi', 'Hoàng Văn Nam', 'xa11.daumoi@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='X0101'), 'officer', 1, '125/QĐ-UBND', '2023-01-16', 1),
  ('xa12.daumoi', 'Ngô Thị Mai', 'xa12.daumoi@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='X0102'), 'officer', 1, '125/QĐ-UBND', '2023-01-16', 1),
  ('xa21.daumoi', 'Bùi Văn Tùng', 'xa21.daumoi@namdinh.gov.vn', NULL, (SELECT id FROM units WHERE code='X0201'), 'officer', 1, '125/QĐ-UBND', '2023-01-16', 1);

-- Demo public contact (issue 20): the hotline, address and email the public pages show for
-- feedback on regulations and procedures; an administrator changes them in Cài đặt.
UPDATE settings SET value_json = JSON_OBJECT(
  'hotline', '0228 3649 888',
  'address', 'Phòng Kiểm soát thủ tục hành chính, Văn phòng UBND tỉnh Nam Định, số 1 đường Lê Hồng Phong, thành phố Nam Định',
  'email', 'kstt@namdinh.gov.vn'
) WHERE name = 'public_contact';

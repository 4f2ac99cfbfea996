// Real procedures of a province's catalogue (provincial, district and commune level) for the
// demo data: national code | name | field | levels (T tỉnh, H huyện, X xã) | agency (@UNITCODE
// for a unit of the demo tree, or the agency as published) | time limit | fee | online level
// (full, partial, none) | flags (A = abolished, replaced by the code after "A:").
// Names, levels and agencies follow the national procedure database (csdl.dichvucong.gov.vn)
// as written from knowledge; a code marked in the list below with * is reconstructed in the
// national format and must be checked against the database before production use (see
// docs/decisions.md). Empty time/fee cells take the field's usual value (gen_procedures.mjs).
export const FIELDS = {
  DD: 'Đất đai',
  HT: 'Hộ tịch',
  CT: 'Chứng thực',
  NCN: 'Nuôi con nuôi',
  HG: 'Hòa giải ở cơ sở',
  LLTP: 'Lý lịch tư pháp',
  BTTP: 'Bổ trợ tư pháp',
  MT: 'Môi trường',
  TNN: 'Tài nguyên nước',
  KS: 'Địa chất và khoáng sản',
  XD: 'Hoạt động xây dựng',
  QH: 'Quy hoạch xây dựng, kiến trúc',
  NO: 'Nhà ở',
  HKD: 'Thành lập và hoạt động của hộ kinh doanh',
  DN: 'Thành lập và hoạt động của doanh nghiệp',
  HTX: 'Thành lập và hoạt động của hợp tác xã',
  DT: 'Đầu tư tại Việt Nam',
  BTXH: 'Bảo trợ xã hội',
  GN: 'Giảm nghèo',
  NCC: 'Người có công',
  TE: 'Trẻ em',
  LD: 'Việc làm và lao động',
  GD: 'Giáo dục và Đào tạo',
  YT: 'Y tế',
  VH: 'Văn hóa, thể thao và du lịch',
  TDKT: 'Thi đua, khen thưởng',
  TG: 'Tín ngưỡng, tôn giáo',
  NV: 'Tổ chức hội và công vụ',
  NN: 'Nông nghiệp và phát triển nông thôn',
  GT: 'Giao thông vận tải',
  CTH: 'Công Thương',
  TC: 'Tài chính',
  TTTT: 'Thông tin và truyền thông',
  KN: 'Tiếp công dân, khiếu nại, tố cáo',
};

export const REAL = `
1.001193|Thủ tục đăng ký khai sinh|HT|X|UBND cấp xã|Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo|Miễn lệ phí đăng ký khai sinh đúng hạn|full
1.000894|Thủ tục đăng ký kết hôn|HT|X|UBND cấp xã|Ngay trong ngày tiếp nhận yêu cầu; trường hợp cần xác minh điều kiện kết hôn thì không quá 05 ngày làm việc|Miễn lệ phí|partial
1.000656|Thủ tục đăng ký khai tử|HT|X|UBND cấp xã|Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo|Miễn lệ phí đăng ký khai tử đúng hạn|full
1.000689|Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con|HT|X|UBND cấp xã|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 15.000 đồng/trường hợp|partial
1.004873|Thủ tục cấp Giấy xác nhận tình trạng hôn nhân|HT|X|UBND cấp xã|03 ngày làm việc kể từ ngày tiếp nhận đủ hồ sơ hợp lệ|Lệ phí: 3.000 đồng/trường hợp|full
1.004884|Thủ tục đăng ký lại khai sinh|HT|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 5.000 đồng/trường hợp|partial
1.005461|Thủ tục đăng ký lại khai tử|HT|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 5.000 đồng/trường hợp|partial
1.004746|Thủ tục đăng ký lại kết hôn|HT|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 5.000 đồng/trường hợp|partial
1.000593|Thủ tục đăng ký kết hôn lưu động|HT|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Miễn lệ phí|none
1.000419|Thủ tục đăng ký khai tử lưu động|HT|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Miễn lệ phí|none
1.003583*|Thủ tục đăng ký khai sinh lưu động|HT|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Miễn lệ phí|none
1.004837*|Thủ tục đăng ký giám hộ|HT|X|UBND cấp xã|03 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 5.000 đồng/trường hợp|partial
1.004845|Thủ tục đăng ký chấm dứt giám hộ|HT|X|UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 5.000 đồng/trường hợp|partial
1.004859*|Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch|HT|X|UBND cấp xã|03 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ; trường hợp cần xác minh thì không quá 06 ngày làm việc|Lệ phí: 15.000 đồng/trường hợp|partial
1.001022*|Thủ tục đăng ký nhận cha, mẹ, con|HT|X|UBND cấp xã|03 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 15.000 đồng/trường hợp|partial
2.000635|Thủ tục cấp bản sao trích lục hộ tịch|HT|TX|Sở Tư pháp; UBND cấp xã|Ngay trong ngày tiếp nhận yêu cầu; trường hợp nhận yêu cầu sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo|Lệ phí: 8.000 đồng/bản sao trích lục|full
1.004827*|Thủ tục đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân|HT|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 5.000 đồng/trường hợp|partial
1.000080*|Thủ tục liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi|HT|X|UBND cấp xã; Công an cấp xã; Bảo hiểm xã hội cấp huyện|Đăng ký khai sinh: ngay trong ngày; đăng ký thường trú: 07 ngày làm việc; cấp thẻ bảo hiểm y tế: 05 ngày làm việc|Miễn lệ phí|full
2.000528|Thủ tục đăng ký khai sinh có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|03 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000806|Thủ tục đăng ký kết hôn có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 1.500.000 đồng/trường hợp|partial
2.000779*|Thủ tục đăng ký khai tử có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 03 ngày làm việc|Lệ phí: 75.000 đồng/trường hợp|partial
1.001766*|Thủ tục đăng ký nhận cha, mẹ, con có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 1.500.000 đồng/trường hợp|partial
2.000748*|Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc|HT|H|Phòng Tư pháp cấp huyện|03 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 28.000 đồng/trường hợp|partial
2.000554*|Thủ tục ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài|HT|H|Phòng Tư pháp cấp huyện|05 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000547*|Thủ tục ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài|HT|H|Phòng Tư pháp cấp huyện|05 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000522*|Thủ tục ghi vào Sổ hộ tịch việc hộ tịch khác của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài|HT|H|Phòng Tư pháp cấp huyện|03 ngày làm việc kể từ ngày nhận đủ giấy tờ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000497*|Thủ tục đăng ký lại khai sinh có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000513*|Thủ tục đăng ký lại kết hôn có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 1.500.000 đồng/trường hợp|partial
2.000494*|Thủ tục đăng ký lại khai tử có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000756*|Thủ tục đăng ký giám hộ có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000751*|Thủ tục đăng ký chấm dứt giám hộ có yếu tố nước ngoài|HT|H|Phòng Tư pháp cấp huyện|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 75.000 đồng/trường hợp|partial
2.000815|Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ|2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, nhưng mức thu tối đa không quá 200.000 đồng/bản|partial
2.000908*|Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận|CT|H|Phòng Tư pháp cấp huyện|Trong ngày cơ quan tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ|2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản|partial
2.000884|Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|Trong ngày cơ quan tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ|10.000 đồng/trường hợp|none
2.000992|Thủ tục chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Phòng Tư pháp|CT|H|Phòng Tư pháp cấp huyện|Trong ngày cơ quan tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ|10.000 đồng/trường hợp|none
2.001008|Thủ tục chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật|CT|H|Phòng Tư pháp cấp huyện|Trong ngày cơ quan tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ|10.000 đồng/trường hợp|none
2.000942|Thủ tục cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản|none
2.001035*|Thủ tục chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|50.000 đồng/hợp đồng, giao dịch|none
2.001019|Thủ tục chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|30.000 đồng/hợp đồng, giao dịch|none
2.001016*|Thủ tục sửa lỗi sai sót trong hợp đồng, giao dịch|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|Ngay trong ngày tiếp nhận yêu cầu|25.000 đồng/hợp đồng, giao dịch|none
2.001009*|Thủ tục chứng thực di chúc|CT|X|UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|50.000 đồng/di chúc|none
2.000913*|Thủ tục chứng thực văn bản từ chối nhận di sản|CT|X|UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|50.000 đồng/văn bản|none
2.001406*|Thủ tục chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|50.000 đồng/văn bản|none
2.001044*|Thủ tục chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở|CT|HX|Phòng Tư pháp cấp huyện; UBND cấp xã|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|50.000 đồng/văn bản|none
2.001263|Thủ tục đăng ký việc nuôi con nuôi trong nước|NCN|X|UBND cấp xã|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 400.000 đồng/trường hợp|partial
2.001255*|Thủ tục đăng ký lại việc nuôi con nuôi trong nước|NCN|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Miễn lệ phí|partial
1.003160*|Thủ tục giải quyết việc nuôi con nuôi có yếu tố nước ngoài đối với trường hợp cha dượng, mẹ kế nhận con riêng của vợ hoặc chồng; cô, cậu, dì, chú, bác ruột nhận cháu làm con nuôi|NCN|T|@STP|Theo quy định tại Luật Nuôi con nuôi|Lệ phí: 9.000.000 đồng/trường hợp|none
2.000950|Thủ tục công nhận tổ trưởng tổ hòa giải|HG|X|UBND cấp xã|03 ngày làm việc kể từ ngày nhận được văn bản đề xuất|Không|none
2.000930|Thủ tục thôi làm hòa giải viên|HG|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận được văn bản đề nghị|Không|none
2.000955*|Thủ tục công nhận hòa giải viên|HG|X|UBND cấp xã|03 ngày làm việc kể từ ngày nhận được văn bản đề xuất|Không|none
2.000424|Thủ tục thanh toán thù lao cho hòa giải viên|HG|X|UBND cấp xã|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
2.000977*|Thủ tục hỗ trợ cho hòa giải viên gặp tai nạn hoặc rủi ro ảnh hưởng đến sức khỏe, tính mạng trong khi thực hiện hoạt động hòa giải|HG|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
2.000488*|Thủ tục cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam|LLTP|T|@STP|10 ngày kể từ ngày nhận được yêu cầu hợp lệ; trường hợp phải xác minh thì không quá 15 ngày|200.000 đồng/lần/người; sinh viên, người có công với cách mạng 100.000 đồng/lần/người|full
2.000505*|Thủ tục cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng|LLTP|T|@STP|05 ngày làm việc kể từ ngày nhận được yêu cầu|Không thu phí|none
2.000509*|Thủ tục cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội|LLTP|T|@STP|10 ngày kể từ ngày nhận được yêu cầu hợp lệ|Không thu phí|none
1.001233*|Thủ tục đăng ký hoạt động của tổ chức hành nghề luật sư|BTTP|T|@STP|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 100.000 đồng/hồ sơ|partial
1.001225*|Thủ tục thay đổi nội dung đăng ký hoạt động của tổ chức hành nghề luật sư|BTTP|T|@STP|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/hồ sơ|partial
1.002010*|Thủ tục đăng ký hành nghề luật sư với tư cách cá nhân|BTTP|T|@STP|07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 100.000 đồng/hồ sơ|partial
1.001665*|Thủ tục thành lập Văn phòng công chứng|BTTP|T|@STP|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.000.000 đồng/hồ sơ|none
1.001647*|Thủ tục đăng ký hoạt động Văn phòng công chứng|BTTP|T|@STP|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.000.000 đồng/hồ sơ|none
1.001125*|Thủ tục đăng ký hành nghề và cấp Thẻ công chứng viên|BTTP|T|@STP|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.000.000 đồng/hồ sơ|partial
1.001815*|Thủ tục đăng ký hoạt động của doanh nghiệp đấu giá tài sản|BTTP|T|@STP|07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.000.000 đồng/hồ sơ|partial
2.001680*|Thủ tục yêu cầu trợ giúp pháp lý|BTTP|T|Trung tâm Trợ giúp pháp lý nhà nước|Ngay khi nhận đủ hồ sơ hợp lệ|Miễn phí|partial
2.000543*|Thủ tục cấp Thẻ tư vấn viên pháp luật|BTTP|T|@STP|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.008725*|Thủ tục bổ nhiệm giám định viên tư pháp|BTTP|T|@STP; Chủ tịch UBND tỉnh|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.012753|Thủ tục đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá nhân|DD|H|UBND cấp huyện; Văn phòng đăng ký đất đai|Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí cấp Giấy chứng nhận: 100.000 đồng/giấy; phí thẩm định hồ sơ theo quy định của HĐND tỉnh|partial
1.012754*|Thủ tục đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với tổ chức|DD|T|@STNMT|Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí cấp Giấy chứng nhận: 500.000 đồng/giấy|partial
1.004227*|Thủ tục đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu|DD|H|UBND cấp huyện|Không quá 30 ngày|Lệ phí cấp Giấy chứng nhận: 100.000 đồng/giấy|none|A:1.012753
1.012758*|Thủ tục đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi, chuyển nhượng, cho thuê, cho thuê lại, thừa kế, tặng cho, góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất|DD|T|Văn phòng đăng ký đất đai|Không quá 08 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/lần; phí thẩm định theo quy định của HĐND tỉnh|partial
1.012761*|Thủ tục cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất|DD|T|Văn phòng đăng ký đất đai|Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/giấy|partial
1.012763*|Thủ tục cấp lại Giấy chứng nhận hoặc cấp lại Trang bổ sung của Giấy chứng nhận do bị mất|DD|T|Văn phòng đăng ký đất đai|Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/giấy|partial
1.012765*|Thủ tục đính chính Giấy chứng nhận đã cấp|DD|T|Văn phòng đăng ký đất đai|Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.012767*|Thủ tục thu hồi Giấy chứng nhận đã cấp không đúng quy định của pháp luật đất đai do người sử dụng đất, chủ sở hữu tài sản gắn liền với đất phát hiện|DD|TH|@STNMT; Phòng Tài nguyên và Môi trường|Không quá 30 ngày|Không|none
1.012770*|Thủ tục giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất|DD|TH|@STNMT; UBND cấp huyện|Không quá 20 ngày làm việc, không kể thời gian giải phóng mặt bằng|Theo quy định của HĐND tỉnh|none
1.012772*|Thủ tục chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền|DD|TH|@STNMT; UBND cấp huyện|Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Theo quy định của HĐND tỉnh|partial
1.012775*|Thủ tục gia hạn sử dụng đất ngoài khu công nghệ cao, khu kinh tế|DD|TH|@STNMT; UBND cấp huyện|Không quá 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Theo quy định của HĐND tỉnh|partial
1.012778*|Thủ tục xác định lại diện tích đất ở cho hộ gia đình, cá nhân đã được cấp Giấy chứng nhận trước ngày 01 tháng 7 năm 2004|DD|H|UBND cấp huyện; Văn phòng đăng ký đất đai|Không quá 20 ngày làm việc|Lệ phí: 50.000 đồng/giấy|none
1.012780*|Thủ tục đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất|DD|T|Văn phòng đăng ký đất đai|Trong ngày nhận hồ sơ hợp lệ; nếu nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo|80.000 đồng/hồ sơ|full
1.012782*|Thủ tục đăng ký thay đổi nội dung biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất đã đăng ký|DD|T|Văn phòng đăng ký đất đai|Trong ngày nhận hồ sơ hợp lệ|60.000 đồng/hồ sơ|full
1.012784*|Thủ tục xóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất|DD|T|Văn phòng đăng ký đất đai|Trong ngày nhận hồ sơ hợp lệ|20.000 đồng/hồ sơ|full
1.012786*|Thủ tục cung cấp thông tin, dữ liệu đất đai|DD|TH|Văn phòng đăng ký đất đai|Không quá 02 ngày làm việc|Phí khai thác và sử dụng tài liệu đất đai theo quy định của HĐND tỉnh|full
1.012788*|Thủ tục hòa giải tranh chấp đất đai|DD|X|UBND cấp xã|Không quá 30 ngày kể từ ngày nhận được đơn|Không|none
1.012790*|Thủ tục giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp huyện|DD|H|UBND cấp huyện|Không quá 45 ngày; vùng sâu, vùng xa không quá 55 ngày|Không|none
1.012792*|Thủ tục giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh|DD|T|@STNMT|Không quá 45 ngày; vùng sâu, vùng xa không quá 55 ngày|Không|none
1.012794*|Thủ tục tách thửa hoặc hợp thửa đất|DD|T|Văn phòng đăng ký đất đai|Không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/giấy|partial
1.012796*|Thủ tục chuyển đổi quyền sử dụng đất nông nghiệp khi thực hiện dồn điền, đổi thửa|DD|HX|UBND cấp huyện; UBND cấp xã|Không quá 30 ngày|Không|none
1.012798*|Thủ tục đăng ký biến động về sử dụng đất, tài sản gắn liền với đất trong trường hợp thay đổi thông tin về người được cấp Giấy chứng nhận (đổi tên hoặc giấy tờ pháp nhân, giấy tờ nhân thân, địa chỉ)|DD|T|Văn phòng đăng ký đất đai|Không quá 05 ngày làm việc|Lệ phí: 50.000 đồng/lần|full
1.012800*|Thủ tục thẩm định nhu cầu sử dụng đất để xem xét giao đất, cho thuê đất không thông qua hình thức đấu giá quyền sử dụng đất đối với hộ gia đình, cá nhân|DD|H|Phòng Tài nguyên và Môi trường|Không quá 10 ngày làm việc|Không|none
1.012802*|Thủ tục xác nhận tiếp tục sử dụng đất nông nghiệp của hộ gia đình, cá nhân khi hết hạn sử dụng đất|DD|HX|Văn phòng đăng ký đất đai; UBND cấp xã|Không quá 05 ngày làm việc|Không|partial
1.012804*|Thủ tục thu hồi đất do chấm dứt việc sử dụng đất theo pháp luật, tự nguyện trả lại đất|DD|TH|@STNMT; UBND cấp huyện|Không quá 20 ngày|Không|none
1.012806*|Thủ tục chuyển hình thức giao đất, cho thuê đất|DD|TH|@STNMT; UBND cấp huyện|Không quá 20 ngày làm việc|Theo quy định của HĐND tỉnh|none
1.010727*|Thủ tục cấp giấy phép môi trường (cấp tỉnh)|MT|T|@STNMT|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; 20 ngày đối với dự án không thuộc đối tượng đánh giá tác động môi trường|Phí thẩm định theo quy định của HĐND tỉnh|partial
1.010728*|Thủ tục cấp đổi giấy phép môi trường (cấp tỉnh)|MT|T|@STNMT|10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.010729*|Thủ tục cấp điều chỉnh giấy phép môi trường (cấp tỉnh)|MT|T|@STNMT|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của HĐND tỉnh|partial
1.010733*|Thủ tục thẩm định báo cáo đánh giá tác động môi trường (cấp tỉnh)|MT|T|@STNMT|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của HĐND tỉnh|partial
1.010735*|Thủ tục cấp giấy phép môi trường (cấp huyện)|MT|H|UBND cấp huyện|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của HĐND tỉnh|partial
1.010737*|Thủ tục đăng ký môi trường (cấp xã)|MT|X|UBND cấp xã|Ngay khi nhận được hồ sơ đăng ký môi trường|Không|full
1.004232*|Thủ tục cấp giấy phép thăm dò nước dưới đất đối với công trình có quy mô dưới 3.000m3/ngày đêm|TNN|T|@STNMT|30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của HĐND tỉnh|partial
1.004233*|Thủ tục cấp giấy phép khai thác, sử dụng nước mặt|TNN|T|@STNMT|30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của HĐND tỉnh|partial
1.004236*|Thủ tục cấp giấy phép khai thác, sử dụng nước dưới đất|TNN|T|@STNMT|30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của HĐND tỉnh|partial
1.004238*|Thủ tục đăng ký khai thác nước dưới đất|TNN|H|Phòng Tài nguyên và Môi trường|10 ngày làm việc kể từ ngày nhận đủ hồ sơ|Không|partial
2.001787*|Thủ tục cấp giấy phép thăm dò khoáng sản|KS|T|@STNMT|90 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí theo diện tích khu vực thăm dò|none
2.001814*|Thủ tục cấp giấy phép khai thác khoáng sản|KS|T|@STNMT|90 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí theo công suất khai thác|none
2.001783*|Thủ tục đóng cửa mỏ khoáng sản|KS|T|@STNMT|45 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.013225|Thủ tục cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ|XD|H|UBND cấp huyện|Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Nhà ở riêng lẻ: 75.000 đồng/giấy phép; công trình khác: 150.000 đồng/giấy phép|full
1.013226|Thủ tục cấp điều chỉnh giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ|XD|H|UBND cấp huyện|Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Nhà ở riêng lẻ: 75.000 đồng/giấy phép; công trình khác: 150.000 đồng/giấy phép|full
1.013227|Thủ tục gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ|XD|H|UBND cấp huyện|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|10.000 đồng/giấy phép|full
1.013228|Thủ tục cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ|XD|H|UBND cấp huyện|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|10.000 đồng/giấy phép|full
1.013229|Thủ tục cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình cấp III, cấp IV và nhà ở riêng lẻ|XD|H|UBND cấp huyện|Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Nhà ở riêng lẻ: 75.000 đồng/giấy phép; công trình khác: 150.000 đồng/giấy phép|full
1.009994*|Thủ tục cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ|XD|H|UBND cấp huyện|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|75.000 đồng/giấy phép|partial|A:1.013225
1.013219*|Thủ tục cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II (công trình không theo tuyến, theo tuyến trong đô thị, tín ngưỡng, tôn giáo, tượng đài, tranh hoành tráng)|XD|T|@SXD|Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|150.000 đồng/giấy phép|partial
1.013220*|Thủ tục cấp điều chỉnh giấy phép xây dựng đối với công trình cấp đặc biệt, cấp I, cấp II|XD|T|@SXD|Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|150.000 đồng/giấy phép|partial
1.013221*|Thủ tục gia hạn giấy phép xây dựng đối với công trình cấp đặc biệt, cấp I, cấp II|XD|T|@SXD|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|10.000 đồng/giấy phép|partial
1.013222*|Thủ tục cấp lại giấy phép xây dựng đối với công trình cấp đặc biệt, cấp I, cấp II|XD|T|@SXD|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|10.000 đồng/giấy phép|partial
1.013223*|Thủ tục cấp giấy phép di dời đối với công trình cấp đặc biệt, cấp I, cấp II|XD|T|@SXD|Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|150.000 đồng/giấy phép|partial
1.009972*|Thủ tục thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng hoặc điều chỉnh Báo cáo nghiên cứu khả thi đầu tư xây dựng|XD|T|@SXD|Không quá 35 ngày đối với dự án nhóm A; 25 ngày đối với dự án nhóm B; 15 ngày đối với dự án nhóm C|Phí thẩm định theo quy định của Bộ Tài chính|partial
1.009973*|Thủ tục thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở hoặc điều chỉnh thiết kế xây dựng triển khai sau thiết kế cơ sở|XD|T|@SXD|Không quá 40 ngày đối với công trình cấp I trở lên; 30 ngày đối với công trình cấp II và cấp III|Phí thẩm định theo quy định của Bộ Tài chính|partial
1.009975*|Thủ tục thẩm định Báo cáo kinh tế - kỹ thuật đầu tư xây dựng|XD|H|Phòng Quản lý đô thị hoặc Phòng Kinh tế và Hạ tầng cấp huyện|Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của Bộ Tài chính|partial
1.009928*|Thủ tục cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III|XD|T|@SXD|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 150.000 đồng/chứng chỉ|full
1.009940*|Thủ tục cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III|XD|T|@SXD|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 1.000.000 đồng/chứng chỉ|full
1.009794*|Thủ tục kiểm tra công tác nghiệm thu hoàn thành công trình xây dựng|XD|T|@SXD|Theo kế hoạch kiểm tra; văn bản chấp thuận kết quả nghiệm thu trong 10 ngày kể từ ngày kết thúc kiểm tra|Không|none
1.008432*|Thủ tục cấp giấy phép quy hoạch dự án đầu tư xây dựng thuộc thẩm quyền cấp tỉnh|QH|T|@SXD|Không quá 25 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 2.000.000 đồng/giấy phép|none
1.008433*|Thủ tục thẩm định nhiệm vụ, nhiệm vụ điều chỉnh quy hoạch chi tiết của dự án đầu tư xây dựng công trình theo hình thức kinh doanh thuộc thẩm quyền phê duyệt của UBND cấp tỉnh|QH|T|@SXD|Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.008455*|Thủ tục thẩm định đồ án, đồ án điều chỉnh quy hoạch chi tiết thuộc thẩm quyền phê duyệt của UBND cấp huyện|QH|H|Phòng Quản lý đô thị hoặc Phòng Kinh tế và Hạ tầng cấp huyện|Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.008459*|Thủ tục cung cấp thông tin về quy hoạch xây dựng thuộc thẩm quyền của UBND cấp huyện|QH|H|Phòng Quản lý đô thị hoặc Phòng Kinh tế và Hạ tầng cấp huyện|Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.008891*|Thủ tục cấp chứng chỉ hành nghề kiến trúc|QH|T|@SXD|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 300.000 đồng/chứng chỉ|full
1.010008*|Thủ tục thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán, thuê mua|NO|T|@SXD|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.010009*|Thủ tục thuê nhà ở công vụ thuộc thẩm quyền quản lý của UBND cấp tỉnh|NO|T|@SXD|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.010012*|Thủ tục gia hạn sở hữu nhà ở tại Việt Nam cho cá nhân, tổ chức nước ngoài|NO|T|@SXD|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.010015*|Thủ tục xác nhận đối tượng được hưởng chính sách nhà ở xã hội về điều kiện thu nhập|NO|X|UBND cấp xã|07 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001612*|Thủ tục đăng ký thành lập hộ kinh doanh|HKD|H|Phòng Tài chính - Kế hoạch cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 100.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng|full
2.000720|Thủ tục đăng ký thay đổi nội dung đăng ký hộ kinh doanh|HKD|H|Phòng Tài chính - Kế hoạch cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng|full
1.001570|Thủ tục tạm ngừng hoạt động hộ kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo|HKD|H|Phòng Tài chính - Kế hoạch cấp huyện|03 ngày làm việc kể từ ngày nhận được thông báo hợp lệ|Không|full
1.001266|Thủ tục chấm dứt hoạt động hộ kinh doanh|HKD|H|Phòng Tài chính - Kế hoạch cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
2.000575|Thủ tục cấp lại Giấy chứng nhận đăng ký hộ kinh doanh|HKD|H|Phòng Tài chính - Kế hoạch cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/lần|full
2.002030*|Thủ tục đăng ký thành lập doanh nghiệp tư nhân|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng|full
2.002029*|Thủ tục đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng|full
2.002028*|Thủ tục đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng|full
2.002027*|Thủ tục đăng ký thành lập công ty cổ phần|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng|full
2.002026*|Thủ tục đăng ký thành lập công ty hợp danh|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần|full
2.002040*|Thủ tục đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần|full
2.002041*|Thủ tục đăng ký đổi tên doanh nghiệp|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần|full
2.002042*|Thủ tục đăng ký thay đổi người đại diện theo pháp luật của công ty trách nhiệm hữu hạn, công ty cổ phần|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần|full
2.002043*|Thủ tục đăng ký thay đổi vốn điều lệ, phần vốn góp, tỷ lệ phần vốn góp|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần|full
2.002051*|Thủ tục thông báo thay đổi ngành, nghề kinh doanh|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần|full
2.002060*|Thủ tục thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận được thông báo hợp lệ|Không|full
2.002064*|Thủ tục giải thể doanh nghiệp|DN|T|@SKHDT|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
2.002045*|Thủ tục đăng ký hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/lần|full
2.002066*|Thủ tục cấp lại Giấy chứng nhận đăng ký doanh nghiệp|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/lần|full
2.002035*|Thủ tục chuyển đổi công ty trách nhiệm hữu hạn một thành viên thành công ty cổ phần|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần|full
2.002069*|Thủ tục chuyển đổi hộ kinh doanh thành doanh nghiệp|DN|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Miễn lệ phí|full
2.002071*|Thủ tục hiệu đính thông tin trong Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp|DN|T|@SKHDT|03 ngày làm việc|Không|full
2.002120*|Thủ tục đăng ký thành lập hợp tác xã|HTX|H|Phòng Tài chính - Kế hoạch cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 100.000 đồng/lần|partial
2.002121*|Thủ tục đăng ký thay đổi tên, địa chỉ trụ sở chính, ngành, nghề sản xuất, kinh doanh, vốn điều lệ, người đại diện theo pháp luật của hợp tác xã|HTX|H|Phòng Tài chính - Kế hoạch cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/lần|partial
2.002125*|Thủ tục giải thể tự nguyện hợp tác xã|HTX|H|Phòng Tài chính - Kế hoạch cấp huyện|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
2.002135*|Thủ tục đăng ký thành lập liên hiệp hợp tác xã|HTX|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 100.000 đồng/lần|partial
1.009645*|Thủ tục chấp thuận chủ trương đầu tư của UBND cấp tỉnh|DT|T|@SKHDT|35 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.009646*|Thủ tục cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư|DT|T|@SKHDT|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.009648*|Thủ tục điều chỉnh tên dự án đầu tư, tên và địa chỉ nhà đầu tư trong Giấy chứng nhận đăng ký đầu tư|DT|T|@SKHDT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.009660*|Thủ tục gia hạn thời hạn hoạt động của dự án đầu tư|DT|T|@SKHDT|25 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.009663*|Thủ tục ngừng hoạt động của dự án đầu tư|DT|T|@SKHDT|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.009670*|Thủ tục thành lập văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC|DT|T|@SKHDT|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.009681*|Thủ tục cấp Giấy chứng nhận đăng ký đầu tư đối với dự án trong khu công nghiệp không thuộc diện chấp thuận chủ trương đầu tư|DT|T|@BQLKCN|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001776|Thủ tục thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng|BTXH|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001731|Thủ tục hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội|BTXH|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001699|Thủ tục xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật|BTXH|X|UBND cấp xã|Không quá 25 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001653|Thủ tục đổi, cấp lại Giấy xác nhận khuyết tật|BTXH|X|UBND cấp xã|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
2.000286*|Thủ tục trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở|BTXH|X|UBND cấp xã|Không quá 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
2.000294*|Thủ tục tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp tỉnh, cấp huyện|BTXH|TH|@SLDTBXH; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 10 ngày làm việc|Không|none
1.001310*|Thủ tục cấp giấy phép hoạt động đối với cơ sở trợ giúp xã hội có giấy chứng nhận đăng ký thành lập do Sở Lao động - Thương binh và Xã hội cấp|BTXH|T|@SLDTBXH|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.014027|Thủ tục thực hiện, điều chỉnh, thôi hưởng trợ cấp hưu trí xã hội|BTXH|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.014028|Thủ tục hỗ trợ chi phí mai táng đối với người đang hưởng trợ cấp hưu trí xã hội|BTXH|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
2.000477*|Thủ tục chi trả trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng khi đối tượng thay đổi nơi cư trú trong tỉnh, ngoài tỉnh|BTXH|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 10 ngày làm việc|Không|partial
1.011606|Thủ tục công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm|GN|X|UBND cấp xã|Không quá 10 ngày làm việc kể từ ngày nhận giấy đề nghị|Không|partial
1.011607|Thủ tục công nhận hộ nghèo, hộ cận nghèo; hộ thoát nghèo, hộ thoát cận nghèo định kỳ hằng năm|GN|X|UBND cấp xã|Theo kế hoạch rà soát định kỳ hằng năm|Không|none
1.011608|Thủ tục công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm|GN|X|UBND cấp xã|Không quá 07 ngày làm việc kể từ ngày nhận giấy đề nghị|Không|partial
1.011609*|Thủ tục công nhận hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình|GN|X|UBND cấp xã|Không quá 15 ngày làm việc|Không|partial
1.010803|Thủ tục giải quyết chế độ trợ cấp thờ cúng liệt sĩ|NCC|H|Phòng Lao động - Thương binh và Xã hội cấp huyện|12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
2.002307|Thủ tục giải quyết chế độ mai táng phí đối với cựu chiến binh|NCC|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 10 ngày làm việc|Không|partial
2.002308|Thủ tục giải quyết chế độ mai táng phí đối với thanh niên xung phong thời kỳ chống Pháp|NCC|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|Không quá 10 ngày làm việc|Không|partial
1.010805*|Thủ tục giải quyết chế độ ưu đãi đối với Bà mẹ Việt Nam anh hùng|NCC|T|@SLDTBXH|12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.010808*|Thủ tục giải quyết chế độ đối với thân nhân liệt sĩ|NCC|T|@SLDTBXH|12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.010811*|Thủ tục hưởng trợ cấp khi người có công đang hưởng trợ cấp ưu đãi từ trần|NCC|TH|@SLDTBXH; Phòng Lao động - Thương binh và Xã hội cấp huyện|12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.010833|Thủ tục cấp giấy xác nhận thân nhân của người có công|NCC|T|@SLDTBXH|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.010822*|Thủ tục hỗ trợ người có công đi làm phương tiện, thiết bị trợ giúp, dụng cụ chỉnh hình; đi điều trị phục hồi chức năng|NCC|T|@SLDTBXH|05 ngày làm việc|Không|partial
1.010825*|Thủ tục di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú|NCC|T|@SLDTBXH|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.010829*|Thủ tục đính chính thông tin trên bia mộ liệt sĩ|NCC|T|@SLDTBXH|20 ngày làm việc|Không|none
1.010831*|Thủ tục cấp trích lục hoặc sao hồ sơ người có công với cách mạng|NCC|T|@SLDTBXH|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
2.001944|Thủ tục áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em|TE|X|UBND cấp xã|Ngay sau khi nhận được thông tin; tối đa 12 giờ|Không|none
1.004941|Thủ tục đăng ký nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế không phải là người thân thích của trẻ em|TE|X|UBND cấp xã|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.004946*|Thủ tục chấm dứt việc chăm sóc thay thế cho trẻ em|TE|HX|UBND cấp xã; Phòng Lao động - Thương binh và Xã hội cấp huyện|05 ngày làm việc|Không|none
1.004944*|Thủ tục phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em bị xâm hại hoặc có nguy cơ bị bạo lực, bóc lột, bỏ rơi và trẻ em có hoàn cảnh đặc biệt|TE|X|UBND cấp xã|10 ngày làm việc|Không|none
1.014199|Thủ tục cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam|LD|T|@SLDTBXH|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 600.000 đồng/giấy phép|full
1.014200|Thủ tục cấp lại giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam|LD|T|@SLDTBXH|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 450.000 đồng/giấy phép|full
1.014201|Thủ tục gia hạn giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam|LD|T|@SLDTBXH|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 450.000 đồng/giấy phép|full
1.014196|Thủ tục xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động|LD|T|@SLDTBXH|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.014197|Thủ tục cấp lại giấy xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động|LD|T|@SLDTBXH|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.014198|Thủ tục gia hạn giấy xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động|LD|T|@SLDTBXH|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.001978*|Thủ tục giải quyết hưởng trợ cấp thất nghiệp|LD|T|Trung tâm Dịch vụ việc làm tỉnh|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.009472*|Thủ tục đăng ký nội quy lao động của doanh nghiệp|LD|T|@SLDTBXH|07 ngày làm việc kể từ ngày nhận được hồ sơ|Không|partial
1.009473*|Thủ tục gửi thỏa ước lao động tập thể|LD|T|@SLDTBXH|Không quy định|Không|partial
1.009877*|Thủ tục cấp giấy phép hoạt động cho thuê lại lao động|LD|T|@SLDTBXH|30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.000459*|Thủ tục báo cáo giải trình nhu cầu, thay đổi nhu cầu sử dụng người lao động nước ngoài|LD|T|@SLDTBXH|10 ngày kể từ ngày nhận được báo cáo|Không|full
1.000479*|Thủ tục cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp đối với trung tâm giáo dục nghề nghiệp, trường trung cấp, doanh nghiệp|LD|T|@SLDTBXH|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
2.000134*|Thủ tục khai báo với Sở Lao động - Thương binh và Xã hội khi đưa vào sử dụng các loại máy, thiết bị, vật tư có yêu cầu nghiêm ngặt về an toàn lao động|LD|T|@SLDTBXH|Không quy định|Không|full
2.002891|Thủ tục thành lập trường mầm non công lập hoặc cho phép thành lập trường mầm non dân lập, tư thục|GD|H|UBND cấp huyện; Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
2.002892|Thủ tục sáp nhập, chia, tách trường mầm non|GD|H|UBND cấp huyện; Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
2.002893|Thủ tục giải thể trường mầm non (theo đề nghị của cá nhân, tổ chức thành lập trường)|GD|H|UBND cấp huyện; Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
2.002894|Thủ tục cho phép trường mầm non hoạt động giáo dục|GD|H|Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001639|Thủ tục giải thể trường tiểu học (theo đề nghị của cá nhân, tổ chức đề nghị thành lập trường)|GD|H|UBND cấp huyện; Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.004563|Thủ tục sáp nhập, chia, tách trường tiểu học|GD|H|UBND cấp huyện; Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.004552*|Thủ tục thành lập trường tiểu học công lập, cho phép thành lập trường tiểu học tư thục|GD|H|UBND cấp huyện; Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.004475*|Thủ tục thành lập trường trung học cơ sở công lập hoặc cho phép thành lập trường trung học cơ sở tư thục|GD|H|UBND cấp huyện; Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.004444*|Thủ tục cho phép trường trung học cơ sở hoạt động giáo dục|GD|H|Phòng Giáo dục và Đào tạo|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.004442*|Thủ tục thành lập trường trung học phổ thông công lập hoặc cho phép thành lập trường trung học phổ thông tư thục|GD|T|@SGDDT|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.004831*|Thủ tục chuyển trường đối với học sinh trung học cơ sở|GD|H|Phòng Giáo dục và Đào tạo; trường trung học cơ sở|03 ngày làm việc|Không|full
1.004833*|Thủ tục chuyển trường đối với học sinh trung học phổ thông|GD|T|@SGDDT|03 ngày làm việc|Không|full
2.001914*|Thủ tục cấp bản sao văn bằng, chứng chỉ từ sổ gốc|GD|TH|@SGDDT; Phòng Giáo dục và Đào tạo|Ngay trong ngày nhận yêu cầu hoặc theo thời gian thỏa thuận|Không|full
2.001915*|Thủ tục chỉnh sửa nội dung văn bằng, chứng chỉ|GD|TH|@SGDDT; Phòng Giáo dục và Đào tạo|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.000288*|Thủ tục công nhận trường mầm non đạt chuẩn quốc gia|GD|T|@SGDDT|30 ngày làm việc|Không|none
1.000715*|Thủ tục cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục|GD|T|@SGDDT|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.000724*|Thủ tục cấp phép hoạt động giáo dục kỹ năng sống và hoạt động giáo dục ngoài giờ chính khóa|GD|T|@SGDDT|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.005090|Thủ tục xét tuyển sinh vào trường phổ thông dân tộc nội trú|GD|TH|@SGDDT; Phòng Giáo dục và Đào tạo|Theo kế hoạch tuyển sinh hằng năm|Không|partial
2.002770|Thủ tục xét, duyệt chính sách hỗ trợ đối với học sinh bán trú đang học tại các trường phổ thông ở xã, thôn đặc biệt khó khăn|GD|H|Phòng Giáo dục và Đào tạo|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
2.002771|Thủ tục xét, duyệt chính sách hỗ trợ đối với trẻ em nhà trẻ bán trú đang học tại các cơ sở giáo dục mầm non|GD|H|Phòng Giáo dục và Đào tạo|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
3.000182|Thủ tục tuyển sinh trung học cơ sở|GD|H|Phòng Giáo dục và Đào tạo; trường trung học cơ sở|Theo kế hoạch tuyển sinh hằng năm|Không|full
3.000181*|Thủ tục tuyển sinh trung học phổ thông|GD|T|@SGDDT|Theo kế hoạch tuyển sinh hằng năm|Không|full
1.003703*|Thủ tục xét cấp hỗ trợ chi phí học tập đối với học sinh, sinh viên|GD|HX|Phòng Giáo dục và Đào tạo; UBND cấp xã|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.012273*|Thủ tục cấp mới giấy phép hành nghề đối với chức danh chuyên môn là bác sỹ, y sỹ, điều dưỡng, hộ sinh, kỹ thuật y, dinh dưỡng lâm sàng, cấp cứu viên ngoại viện, tâm lý lâm sàng|YT|T|@SYT|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 360.000 đồng/hồ sơ|partial
1.012288*|Thủ tục cấp giấy phép hoạt động đối với phòng khám chuyên khoa|YT|T|@SYT|60 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 4.300.000 đồng/hồ sơ|partial
1.012290*|Thủ tục cấp giấy phép hoạt động đối với phòng khám đa khoa|YT|T|@SYT|60 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 5.700.000 đồng/hồ sơ|partial
1.004616*|Thủ tục cấp Chứng chỉ hành nghề dược theo hình thức xét hồ sơ|YT|T|@SYT|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 500.000 đồng/hồ sơ|full
1.004604*|Thủ tục cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc (nhà thuốc, quầy thuốc)|YT|T|@SYT|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.000.000 đồng/cơ sở; vùng khó khăn 500.000 đồng/cơ sở|full
2.001266*|Thủ tục cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm thuộc thẩm quyền của Sở Y tế|YT|T|@SYT|20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 700.000 đồng/lần/cơ sở kinh doanh; 2.500.000 đồng/lần/cơ sở sản xuất|partial
1.003348*|Thủ tục đăng ký bản công bố sản phẩm đối với thực phẩm dinh dưỡng y học, thực phẩm dùng cho chế độ ăn đặc biệt|YT|T|@SYT|21 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.500.000 đồng/lần/sản phẩm|full
1.002467*|Thủ tục cấp giấy chứng nhận bị phơi nhiễm với HIV do tai nạn rủi ro nghề nghiệp|YT|T|@SYT|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|none
1.001029*|Thủ tục đăng ký tổ chức lễ hội cấp tỉnh|VH|T|@SVHTTDL|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001031*|Thủ tục đăng ký tổ chức lễ hội cấp huyện|VH|H|Phòng Văn hóa và Thông tin cấp huyện|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001033*|Thủ tục thông báo tổ chức lễ hội cấp xã|VH|X|UBND cấp xã|05 ngày làm việc trước ngày tổ chức lễ hội|Không|full
1.001043*|Thủ tục cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke|VH|H|Phòng Văn hóa và Thông tin cấp huyện|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo số phòng hát|partial
1.001035*|Thủ tục cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường|VH|T|@SVHTTDL|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 15.000.000 đồng/giấy phép|partial
1.000954*|Thủ tục xét tặng danh hiệu "Gia đình văn hóa" hằng năm|VH|X|UBND cấp xã|Theo kế hoạch bình xét hằng năm|Không|none
1.000933*|Thủ tục xét tặng danh hiệu "Khu dân cư văn hóa" hằng năm|VH|X|UBND cấp xã|Theo kế hoạch bình xét hằng năm|Không|none
1.000940*|Thủ tục công nhận lần đầu "Cơ quan đạt chuẩn văn hóa", "Đơn vị đạt chuẩn văn hóa", "Doanh nghiệp đạt chuẩn văn hóa"|VH|H|UBND cấp huyện|Theo kế hoạch bình xét|Không|none
1.004628*|Thủ tục cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa|VH|T|@SVHTTDL|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 3.000.000 đồng/giấy phép|full
1.001440*|Thủ tục công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao, 3 sao đối với khách sạn, biệt thự du lịch, căn hộ du lịch, tàu thủy lưu trú du lịch|VH|T|@SVHTTDL|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo hạng|partial
1.004623*|Thủ tục cấp thẻ hướng dẫn viên du lịch nội địa|VH|T|@SVHTTDL|10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 650.000 đồng/thẻ|full
1.013792|Thủ tục cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng|VH|H|UBND cấp huyện|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Theo quy định của Bộ Tài chính|full
1.000980*|Thủ tục cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao đối với môn Bơi, Lặn|VH|T|@SVHTTDL|07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.500.000 đồng/giấy|partial
2.000346*|Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh về thành tích thi đua theo đợt hoặc chuyên đề|TDKT|T|@SNV|20 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định|Không|none
2.000349*|Thủ tục tặng danh hiệu Chiến sĩ thi đua cấp tỉnh|TDKT|T|@SNV|20 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định|Không|none
2.000374*|Thủ tục tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện về thực hiện nhiệm vụ chính trị|TDKT|H|Phòng Nội vụ cấp huyện|20 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định|Không|none
2.000392*|Thủ tục tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thực hiện nhiệm vụ chính trị|TDKT|X|UBND cấp xã|20 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định|Không|none
2.000378*|Thủ tục tặng danh hiệu Lao động tiên tiến|TDKT|HX|Phòng Nội vụ cấp huyện; UBND cấp xã|20 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định|Không|none
1.001078*|Thủ tục đăng ký hoạt động tín ngưỡng|TG|X|UBND cấp xã|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001085*|Thủ tục đăng ký bổ sung hoạt động tín ngưỡng|TG|X|UBND cấp xã|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001090*|Thủ tục thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn hoạt động tôn giáo ở một xã|TG|X|UBND cấp xã|Không quy định|Không|partial
1.001098*|Thủ tục đăng ký sinh hoạt tôn giáo tập trung|TG|X|UBND cấp xã|20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001109*|Thủ tục đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký có quy mô tổ chức ở một huyện|TG|H|UBND cấp huyện|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001167*|Thủ tục thông báo về việc thay đổi địa điểm sinh hoạt tôn giáo tập trung đến địa bàn xã khác|TG|X|UBND cấp xã|Không quy định|Không|partial
1.003879*|Thủ tục thành lập hội|NV|T|@SNV|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.003900*|Thủ tục phê duyệt điều lệ hội|NV|T|@SNV|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.003916*|Thủ tục công nhận ban vận động thành lập hội|NV|T|@SNV|30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.005384*|Thủ tục thi tuyển công chức|NV|T|@SNV|Theo kế hoạch tuyển dụng được phê duyệt|Lệ phí theo quy định của Bộ Tài chính|partial
1.003984*|Thủ tục cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản|NN|T|@SNNPTNT|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 700.000 đồng/lần/cơ sở|partial
1.004509*|Thủ tục cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật|NN|T|@SNNPTNT|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 500.000 đồng/lần/cơ sở|full
1.008004*|Thủ tục cấp Giấy chứng nhận đủ điều kiện buôn bán phân bón|NN|T|@SNNPTNT|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 500.000 đồng/lần/cơ sở|full
1.004839*|Thủ tục cấp, cấp lại chứng chỉ hành nghề thú y|NN|T|@SNNPTNT|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 50.000 đồng/chứng chỉ|full
1.003781*|Thủ tục cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh|NN|T|Chi cục Chăn nuôi và Thú y|01 ngày làm việc đối với động vật; 03 ngày làm việc đối với sản phẩm động vật|Theo quy định của Bộ Tài chính|full
1.004359*|Thủ tục cấp giấy phép khai thác thủy sản|NN|T|@SNNPTNT|06 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 40.000 đồng/lần|partial
1.004692*|Thủ tục đăng ký tàu cá|NN|T|@SNNPTNT|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 70.000 đồng/lần đối với tàu có chiều dài từ 15 mét trở lên|partial
2.002166*|Thủ tục hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh|NN|HX|UBND cấp xã; UBND cấp huyện|Không quá 15 ngày làm việc|Không|none
1.003434*|Thủ tục cấp phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi|NN|T|@SNNPTNT|07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định|partial
1.002861*|Thủ tục cấp Giấy phép kinh doanh vận tải bằng xe ô tô|GT|T|@SGTVT|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 200.000 đồng/giấy phép|full
1.002859*|Thủ tục cấp phù hiệu xe taxi, xe hợp đồng, xe vận tải hàng hóa bằng công-ten-nơ, xe kinh doanh vận tải hàng hóa, xe trung chuyển|GT|T|@SGTVT|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.002804*|Thủ tục đổi Giấy phép lái xe do ngành Giao thông vận tải cấp|GT|T|@SGTVT|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 135.000 đồng/lần; 115.000 đồng/lần khi nộp trực tuyến|full
1.002820*|Thủ tục cấp lại Giấy phép lái xe|GT|T|@SGTVT|05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 135.000 đồng/lần|partial
1.001061*|Thủ tục cấp giấy phép thi công công trình đường bộ trên đường bộ đang khai thác|GT|T|@SGTVT|07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.001577*|Thủ tục cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn, xe bánh xích trên đường bộ|GT|T|@SGTVT|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.003970|Thủ tục đăng ký phương tiện thủy nội địa lần đầu đối với phương tiện chưa khai thác trên đường thủy nội địa|GT|TH|@SGTVT; UBND cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 70.000 đồng/giấy chứng nhận|partial
1.004002|Thủ tục đăng ký lại phương tiện thủy nội địa|GT|TH|@SGTVT; UBND cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Lệ phí: 70.000 đồng/giấy chứng nhận|partial
1.004036|Thủ tục xóa giấy chứng nhận đăng ký phương tiện thủy nội địa|GT|TH|@SGTVT; UBND cấp huyện|03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|partial
1.001055*|Thủ tục chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ|GT|T|@SGTVT|07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
2.000620*|Thủ tục cấp Giấy phép bán lẻ sản phẩm rượu|CTH|H|Phòng Kinh tế hoặc Phòng Kinh tế và Hạ tầng cấp huyện|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 400.000 đồng/điểm kinh doanh|full
2.000181*|Thủ tục cấp Giấy phép bán lẻ sản phẩm thuốc lá|CTH|H|Phòng Kinh tế hoặc Phòng Kinh tế và Hạ tầng cấp huyện|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 400.000 đồng/điểm kinh doanh|full
2.000636*|Thủ tục cấp Giấy phép bán buôn sản phẩm rượu trên địa bàn tỉnh|CTH|T|@SCT|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 2.200.000 đồng/giấy phép|full
2.001283*|Thủ tục cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu|CTH|T|@SCT|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.200.000 đồng/cửa hàng|full
2.000629*|Thủ tục cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh|CTH|H|Phòng Kinh tế hoặc Phòng Kinh tế và Hạ tầng cấp huyện|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 400.000 đồng/giấy phép|full
2.000229*|Thủ tục cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai|CTH|T|@SCT|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định: 1.200.000 đồng/cửa hàng|full
2.000033*|Thủ tục thông báo hoạt động khuyến mại|CTH|T|@SCT|Không quy định|Không|full
2.000099*|Thủ tục cấp giấy phép hoạt động phân phối điện đến cấp điện áp 35 kV tại địa phương|CTH|T|@SCT|15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Phí thẩm định theo quy định của Bộ Tài chính|partial
1.004962*|Thủ tục đăng ký mã số đơn vị có quan hệ với ngân sách|TC|T|@STC|02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.009834*|Thủ tục thẩm tra, phê duyệt quyết toán dự án hoàn thành sử dụng vốn đầu tư công|TC|TH|@STC; Phòng Tài chính - Kế hoạch cấp huyện|Từ 03 đến 08 tháng tùy theo nhóm dự án|Phí thẩm tra quyết toán theo quy định của Bộ Tài chính|none
1.003725*|Thủ tục cấp giấy phép xuất bản bản tin (địa phương)|TTTT|T|@STTTT|15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.003712*|Thủ tục cấp giấy phép hoạt động in|TTTT|T|@STTTT|07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
1.003701*|Thủ tục đăng ký hoạt động cơ sở in|TTTT|T|@STTTT|Không quy định|Không|full
1.003733*|Thủ tục cấp giấy phép thiết lập trang thông tin điện tử tổng hợp|TTTT|T|@STTTT|10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ|Không|full
2.002226*|Thủ tục tiếp công dân tại cấp xã|KN|X|UBND cấp xã|Không quy định|Không|none
2.002227*|Thủ tục tiếp công dân tại cấp huyện|KN|H|Ban Tiếp công dân cấp huyện|Không quy định|Không|none
2.002228*|Thủ tục tiếp công dân tại cấp tỉnh|KN|T|Ban Tiếp công dân tỉnh|Không quy định|Không|none
2.002229*|Thủ tục giải quyết khiếu nại lần đầu tại cấp xã|KN|X|UBND cấp xã|Không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp không quá 45 ngày|Không|none
2.002230*|Thủ tục giải quyết khiếu nại lần đầu tại cấp huyện|KN|H|UBND cấp huyện|Không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp không quá 45 ngày|Không|none
2.002231*|Thủ tục giải quyết khiếu nại lần hai tại cấp tỉnh|KN|T|@TTRA|Không quá 45 ngày kể từ ngày thụ lý; vụ việc phức tạp không quá 60 ngày|Không|none
2.002232*|Thủ tục giải quyết tố cáo tại cấp xã|KN|X|UBND cấp xã|Không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp có thể gia hạn một lần không quá 30 ngày|Không|none
2.002233*|Thủ tục giải quyết tố cáo tại cấp huyện|KN|H|UBND cấp huyện|Không quá 30 ngày kể từ ngày thụ lý|Không|none
2.002234*|Thủ tục giải quyết tố cáo tại cấp tỉnh|KN|T|@TTRA|Không quá 30 ngày kể từ ngày thụ lý|Không|none
2.002235*|Thủ tục xử lý đơn tại cấp tỉnh|KN|T|@TTRA|10 ngày kể từ ngày nhận được đơn|Không|none
`;

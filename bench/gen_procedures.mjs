#!/usr/bin/env node
// Procedure catalogue data, deterministic (seeded):
//   node bench/gen_procedures.mjs demo > db/demo/020_procedures.sql
//       the real procedures of bench/procedures_real.mjs as demo SQL, with their published
//       components written from per-field templates (the api fills the search columns);
//   node bench/gen_procedures.mjs bench --count 10000 --seed 7 --chunk 1000 --out DIR
//       synthetic procedures in the national database's export layout (CSV, UTF-8), for the
//       import and the search benchmark (bench/bench_procedures.sh).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS, REAL } from './procedures_real.mjs';

// mulberry32: a small seeded PRNG, so the same seed always gives the same data.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, a) => a[Math.floor(r() * a.length)];

// What each field's procedures usually ask for, who does them and under which law.
const FIELD_INFO = {
  DD: {
    dossier: ['Đơn đăng ký, đề nghị theo Mẫu số 04/ĐK', 'Giấy chứng nhận đã cấp hoặc giấy tờ về quyền sử dụng đất', 'Hợp đồng, văn bản về việc chuyển quyền (nếu có)', 'Sơ đồ tài sản gắn liền với đất (nếu có)', 'Chứng từ thực hiện nghĩa vụ tài chính (nếu có)'],
    subjects: 'Hộ gia đình, cá nhân, cộng đồng dân cư, tổ chức trong nước, người Việt Nam định cư ở nước ngoài, tổ chức kinh tế có vốn đầu tư nước ngoài',
    result: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc xác nhận biến động trên Giấy chứng nhận đã cấp',
    legal: 'Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP; Nghị định số 102/2024/NĐ-CP; Thông tư số 10/2024/TT-BTNMT',
    time: 'Không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Theo quy định của HĐND tỉnh', online: 'partial',
  },
  HT: {
    dossier: ['Tờ khai theo mẫu quy định', 'Giấy tờ chứng minh nhân thân (hộ chiếu, căn cước hoặc giấy tờ có ảnh còn giá trị sử dụng)', 'Giấy tờ chứng minh nơi cư trú (trường hợp thông tin chưa có trong Cơ sở dữ liệu quốc gia về dân cư)', 'Văn bản ủy quyền có chứng thực (trường hợp ủy quyền)'],
    subjects: 'Công dân Việt Nam; người nước ngoài cư trú tại Việt Nam',
    result: 'Trích lục hộ tịch (bản chính) và thông tin được cập nhật vào Cơ sở dữ liệu hộ tịch điện tử',
    legal: 'Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP; Nghị định số 87/2020/NĐ-CP; Thông tư số 04/2020/TT-BTP; Thông tư số 85/2019/TT-BTC',
    time: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí: 5.000 đồng/trường hợp', online: 'partial',
  },
  CT: {
    dossier: ['Bản chính giấy tờ, văn bản hoặc bản sao có chứng thực', 'Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu chứng thực', 'Dự thảo hợp đồng, giao dịch (đối với chứng thực hợp đồng, giao dịch)'],
    subjects: 'Cá nhân, tổ chức trong nước và nước ngoài có yêu cầu chứng thực',
    result: 'Giấy tờ, văn bản, hợp đồng, giao dịch được chứng thực',
    legal: 'Nghị định số 23/2015/NĐ-CP; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC',
    time: 'Trong ngày tiếp nhận yêu cầu hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ', fee: '10.000 đồng/trường hợp', online: 'none',
  },
  NCN: {
    dossier: ['Đơn xin nhận con nuôi', 'Phiếu lý lịch tư pháp của người nhận con nuôi', 'Văn bản xác nhận tình trạng hôn nhân', 'Giấy khám sức khỏe do cơ quan y tế cấp huyện trở lên cấp', 'Văn bản xác nhận hoàn cảnh gia đình, tình trạng chỗ ở, điều kiện kinh tế'],
    subjects: 'Công dân Việt Nam thường trú ở trong nước',
    result: 'Giấy chứng nhận việc nuôi con nuôi',
    legal: 'Luật Nuôi con nuôi năm 2010; Nghị định số 19/2011/NĐ-CP; Nghị định số 24/2019/NĐ-CP',
    time: '30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí: 400.000 đồng/trường hợp', online: 'partial',
  },
  HG: {
    dossier: ['Văn bản đề nghị của Trưởng ban công tác Mặt trận hoặc của tổ hòa giải', 'Biên bản bầu hoặc tài liệu chứng minh (nếu có)'],
    subjects: 'Công dân, tổ hòa giải ở cơ sở',
    result: 'Quyết định của Chủ tịch Ủy ban nhân dân cấp xã',
    legal: 'Luật Hòa giải ở cơ sở năm 2013; Nghị định số 15/2014/NĐ-CP; Thông tư liên tịch số 100/2014/TTLT-BTC-BTP',
    time: '05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'none',
  },
  LLTP: {
    dossier: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu', 'Bản chụp giấy tờ tùy thân của người được cấp Phiếu lý lịch tư pháp', 'Văn bản ủy quyền (trường hợp ủy quyền)'],
    subjects: 'Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam; cơ quan, tổ chức',
    result: 'Phiếu lý lịch tư pháp số 1 hoặc số 2',
    legal: 'Luật Lý lịch tư pháp năm 2009; Nghị định số 111/2010/NĐ-CP; Thông tư số 06/2024/TT-BTP',
    time: '10 ngày kể từ ngày nhận được yêu cầu hợp lệ', fee: '200.000 đồng/lần/người', online: 'full',
  },
  BTTP: {
    dossier: ['Giấy đề nghị theo mẫu', 'Bản sao giấy tờ chứng minh đủ điều kiện hành nghề', 'Giấy tờ chứng minh trụ sở (đối với tổ chức)'],
    subjects: 'Cá nhân, tổ chức hành nghề luật sư, công chứng, đấu giá, giám định tư pháp, trợ giúp pháp lý',
    result: 'Giấy đăng ký hoạt động, thẻ hoặc quyết định của cơ quan có thẩm quyền',
    legal: 'Luật Luật sư năm 2006 (sửa đổi năm 2012); Luật Công chứng năm 2014; Luật Đấu giá tài sản năm 2016; Luật Trợ giúp pháp lý năm 2017; Luật Giám định tư pháp năm 2012',
    time: '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí: 100.000 đồng/hồ sơ', online: 'partial',
  },
  MT: {
    dossier: ['Văn bản đề nghị theo mẫu', 'Báo cáo đề xuất hoặc báo cáo đánh giá tác động môi trường của dự án, cơ sở', 'Bản sao quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường (nếu có)'],
    subjects: 'Chủ dự án đầu tư, cơ sở sản xuất, kinh doanh, dịch vụ',
    result: 'Giấy phép môi trường hoặc quyết định phê duyệt kết quả thẩm định',
    legal: 'Luật Bảo vệ môi trường năm 2020; Nghị định số 08/2022/NĐ-CP; Thông tư số 02/2022/TT-BTNMT',
    time: '30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Phí thẩm định theo quy định của HĐND tỉnh', online: 'partial',
  },
  TNN: {
    dossier: ['Đơn đề nghị cấp giấy phép theo mẫu', 'Đề án hoặc báo cáo khai thác, sử dụng tài nguyên nước', 'Kết quả phân tích chất lượng nguồn nước'],
    subjects: 'Tổ chức, cá nhân khai thác, sử dụng tài nguyên nước',
    result: 'Giấy phép khai thác, sử dụng tài nguyên nước',
    legal: 'Luật Tài nguyên nước năm 2023; Nghị định số 54/2024/NĐ-CP',
    time: '30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Phí thẩm định theo quy định của HĐND tỉnh', online: 'partial',
  },
  KS: {
    dossier: ['Đơn đề nghị theo mẫu', 'Bản đồ khu vực thăm dò, khai thác khoáng sản', 'Đề án, dự án đầu tư khai thác khoáng sản kèm quyết định phê duyệt'],
    subjects: 'Tổ chức, cá nhân hoạt động khoáng sản',
    result: 'Giấy phép thăm dò, khai thác khoáng sản hoặc quyết định đóng cửa mỏ',
    legal: 'Luật Địa chất và khoáng sản năm 2024; Nghị định số 158/2016/NĐ-CP',
    time: '90 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí theo quy định của Bộ Tài chính', online: 'none',
  },
  XD: {
    dossier: ['Đơn đề nghị cấp giấy phép xây dựng theo mẫu', 'Bản sao giấy tờ chứng minh quyền sử dụng đất', 'Hai bộ bản vẽ thiết kế xây dựng', 'Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế (nếu có)'],
    subjects: 'Chủ đầu tư; tổ chức, cá nhân hoạt động xây dựng',
    result: 'Giấy phép xây dựng hoặc văn bản thông báo kết quả thẩm định',
    legal: 'Luật Xây dựng năm 2014, được sửa đổi, bổ sung năm 2020; Nghị định số 15/2021/NĐ-CP; Nghị định số 175/2024/NĐ-CP',
    time: 'Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: '150.000 đồng/giấy phép', online: 'partial',
  },
  QH: {
    dossier: ['Tờ trình đề nghị thẩm định', 'Thuyết minh và bản vẽ quy hoạch', 'Văn bản góp ý của cơ quan, tổ chức và cộng đồng dân cư có liên quan'],
    subjects: 'Chủ đầu tư dự án; tổ chức, cá nhân có nhu cầu',
    result: 'Văn bản thẩm định hoặc giấy phép quy hoạch',
    legal: 'Luật Quy hoạch đô thị và nông thôn năm 2024; Luật Kiến trúc năm 2019; Nghị định số 85/2020/NĐ-CP',
    time: 'Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  NO: {
    dossier: ['Đơn đề nghị theo mẫu', 'Giấy tờ chứng minh đối tượng, điều kiện được hưởng chính sách', 'Giấy tờ về dự án, nhà ở (nếu có)'],
    subjects: 'Hộ gia đình, cá nhân, tổ chức có nhu cầu về nhà ở; chủ đầu tư dự án nhà ở',
    result: 'Văn bản chấp thuận hoặc xác nhận',
    legal: 'Luật Nhà ở năm 2023; Luật Kinh doanh bất động sản năm 2023; Nghị định số 95/2024/NĐ-CP; Nghị định số 100/2024/NĐ-CP',
    time: '30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  HKD: {
    dossier: ['Giấy đề nghị đăng ký hộ kinh doanh theo mẫu', 'Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu các thành viên cùng đăng ký)', 'Bản sao văn bản ủy quyền của thành viên hộ gia đình (nếu có)'],
    subjects: 'Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ',
    result: 'Giấy chứng nhận đăng ký hộ kinh doanh',
    legal: 'Luật Doanh nghiệp năm 2020; Nghị định số 01/2021/NĐ-CP; Thông tư số 02/2023/TT-BKHĐT',
    time: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí: 100.000 đồng/lần', online: 'full',
  },
  DN: {
    dossier: ['Giấy đề nghị đăng ký doanh nghiệp theo mẫu', 'Điều lệ công ty', 'Danh sách thành viên hoặc cổ đông sáng lập', 'Bản sao giấy tờ pháp lý của cá nhân, tổ chức là thành viên, cổ đông'],
    subjects: 'Tổ chức, cá nhân thành lập và quản lý doanh nghiệp',
    result: 'Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy xác nhận về việc thay đổi nội dung đăng ký doanh nghiệp',
    legal: 'Luật Doanh nghiệp năm 2020; Nghị định số 01/2021/NĐ-CP; Thông tư số 68/2025/TT-BTC',
    time: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí: 50.000 đồng/lần', online: 'full',
  },
  HTX: {
    dossier: ['Giấy đề nghị đăng ký hợp tác xã', 'Điều lệ hợp tác xã', 'Phương án sản xuất, kinh doanh', 'Danh sách thành viên', 'Nghị quyết hội nghị thành lập'],
    subjects: 'Hợp tác xã, liên hiệp hợp tác xã',
    result: 'Giấy chứng nhận đăng ký hợp tác xã',
    legal: 'Luật Hợp tác xã năm 2023; Nghị định số 92/2024/NĐ-CP',
    time: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí: 100.000 đồng/lần', online: 'partial',
  },
  DT: {
    dossier: ['Văn bản đề nghị thực hiện dự án đầu tư', 'Tài liệu về tư cách pháp lý của nhà đầu tư', 'Tài liệu chứng minh năng lực tài chính của nhà đầu tư', 'Đề xuất dự án đầu tư'],
    subjects: 'Nhà đầu tư trong nước và nước ngoài',
    result: 'Quyết định chấp thuận chủ trương đầu tư hoặc Giấy chứng nhận đăng ký đầu tư',
    legal: 'Luật Đầu tư năm 2020; Nghị định số 31/2021/NĐ-CP; Thông tư số 03/2021/TT-BKHĐT',
    time: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  BTXH: {
    dossier: ['Tờ khai đề nghị trợ giúp xã hội theo mẫu', 'Giấy tờ chứng minh thuộc đối tượng bảo trợ xã hội (nếu có)', 'Giấy xác nhận khuyết tật (đối với người khuyết tật)'],
    subjects: 'Đối tượng bảo trợ xã hội và hộ gia đình, cá nhân nhận chăm sóc, nuôi dưỡng',
    result: 'Quyết định của Chủ tịch Ủy ban nhân dân cấp huyện',
    legal: 'Luật Người khuyết tật năm 2010; Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP; Thông tư số 02/2021/TT-BLĐTBXH',
    time: 'Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  GN: {
    dossier: ['Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo theo mẫu'],
    subjects: 'Hộ gia đình cư trú hợp pháp trên địa bàn',
    result: 'Quyết định công nhận và Giấy chứng nhận hộ nghèo, hộ cận nghèo',
    legal: 'Nghị định số 07/2021/NĐ-CP; Quyết định số 24/2021/QĐ-TTg; Thông tư số 07/2021/TT-BLĐTBXH',
    time: 'Không quá 10 ngày làm việc', fee: 'Không', online: 'partial',
  },
  NCC: {
    dossier: ['Bản khai theo mẫu', 'Giấy tờ chứng minh là người có công hoặc thân nhân người có công', 'Giấy chứng tử hoặc giấy tờ liên quan (nếu có)'],
    subjects: 'Người có công với cách mạng và thân nhân',
    result: 'Quyết định trợ cấp, phụ cấp hoặc giấy xác nhận',
    legal: 'Pháp lệnh Ưu đãi người có công với cách mạng năm 2020; Nghị định số 131/2021/NĐ-CP; Nghị định số 55/2023/NĐ-CP',
    time: '12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  TE: {
    dossier: ['Đơn đăng ký hoặc văn bản thông báo theo mẫu', 'Báo cáo đánh giá nguy cơ đối với trẻ em (nếu có)'],
    subjects: 'Trẻ em; cá nhân, gia đình nhận chăm sóc thay thế',
    result: 'Quyết định của Chủ tịch Ủy ban nhân dân cấp xã',
    legal: 'Luật Trẻ em năm 2016; Nghị định số 56/2017/NĐ-CP',
    time: '10 ngày làm việc', fee: 'Không', online: 'none',
  },
  LD: {
    dossier: ['Văn bản đề nghị theo mẫu', 'Giấy chứng nhận sức khỏe (đối với người lao động nước ngoài)', 'Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài', 'Bản sao hộ chiếu còn giá trị'],
    subjects: 'Người sử dụng lao động; người lao động',
    result: 'Giấy phép, giấy xác nhận hoặc văn bản trả lời',
    legal: 'Bộ luật Lao động năm 2019; Nghị định số 152/2020/NĐ-CP; Nghị định số 70/2023/NĐ-CP; Luật Việc làm năm 2013',
    time: '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'full',
  },
  GD: {
    dossier: ['Tờ trình hoặc đơn đề nghị', 'Đề án thành lập hoặc hồ sơ học sinh theo quy định', 'Các giấy tờ chứng minh điều kiện về đất đai, cơ sở vật chất, đội ngũ'],
    subjects: 'Cơ sở giáo dục; tổ chức, cá nhân; học sinh và cha mẹ học sinh',
    result: 'Quyết định của cơ quan có thẩm quyền hoặc văn bản chấp thuận',
    legal: 'Luật Giáo dục năm 2019; Nghị định số 125/2024/NĐ-CP; Thông tư số 32/2020/TT-BGDĐT',
    time: '20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  YT: {
    dossier: ['Đơn đề nghị theo mẫu', 'Bản sao văn bằng chuyên môn', 'Giấy chứng nhận đủ sức khỏe để hành nghề', 'Danh sách nhân sự và trang thiết bị (đối với cơ sở)'],
    subjects: 'Người hành nghề; cơ sở khám bệnh, chữa bệnh, kinh doanh dược, thực phẩm',
    result: 'Giấy phép, chứng chỉ hoặc giấy chứng nhận',
    legal: 'Luật Khám bệnh, chữa bệnh năm 2023; Nghị định số 96/2023/NĐ-CP; Luật Dược năm 2016; Nghị định số 54/2017/NĐ-CP; Luật An toàn thực phẩm năm 2010',
    time: '30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Phí thẩm định theo quy định của Bộ Tài chính', online: 'partial',
  },
  VH: {
    dossier: ['Văn bản đăng ký, đề nghị theo mẫu', 'Chương trình, kế hoạch tổ chức hoạt động', 'Giấy tờ chứng minh đủ điều kiện kinh doanh (nếu có)'],
    subjects: 'Tổ chức, cá nhân tổ chức lễ hội, kinh doanh dịch vụ văn hóa, thể thao, du lịch',
    result: 'Giấy phép, giấy chứng nhận hoặc văn bản chấp thuận',
    legal: 'Nghị định số 110/2018/NĐ-CP; Nghị định số 54/2019/NĐ-CP; Luật Du lịch năm 2017; Luật Thể dục, thể thao năm 2006 (sửa đổi năm 2018)',
    time: '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Phí thẩm định theo quy định', online: 'partial',
  },
  TDKT: {
    dossier: ['Tờ trình đề nghị khen thưởng', 'Biên bản họp Hội đồng thi đua, khen thưởng', 'Báo cáo thành tích của tập thể, cá nhân'],
    subjects: 'Tập thể, cá nhân có thành tích',
    result: 'Quyết định khen thưởng kèm bằng khen, giấy khen',
    legal: 'Luật Thi đua, khen thưởng năm 2022; Nghị định số 98/2023/NĐ-CP',
    time: '20 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định', fee: 'Không', online: 'none',
  },
  TG: {
    dossier: ['Văn bản đăng ký, thông báo theo mẫu', 'Danh mục hoạt động dự kiến', 'Giấy tờ chứng minh địa điểm hợp pháp'],
    subjects: 'Người đại diện cơ sở tín ngưỡng; tổ chức, nhóm người theo tôn giáo',
    result: 'Văn bản chấp thuận hoặc xác nhận đã nhận thông báo',
    legal: 'Luật Tín ngưỡng, tôn giáo năm 2016; Nghị định số 95/2023/NĐ-CP',
    time: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  NV: {
    dossier: ['Đơn đề nghị theo mẫu', 'Dự thảo điều lệ', 'Danh sách và lý lịch những người trong ban vận động'],
    subjects: 'Công dân, tổ chức Việt Nam',
    result: 'Quyết định của Chủ tịch Ủy ban nhân dân tỉnh',
    legal: 'Nghị định số 45/2010/NĐ-CP; Nghị định số 33/2012/NĐ-CP; Luật Cán bộ, công chức năm 2008 (sửa đổi năm 2019)',
    time: '30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'partial',
  },
  NN: {
    dossier: ['Đơn đề nghị theo mẫu', 'Bản thuyết minh điều kiện cơ sở vật chất, trang thiết bị', 'Giấy xác nhận kiến thức chuyên môn của chủ cơ sở và người trực tiếp sản xuất, kinh doanh'],
    subjects: 'Tổ chức, cá nhân sản xuất, kinh doanh nông, lâm, thủy sản',
    result: 'Giấy chứng nhận, giấy phép hoặc quyết định hỗ trợ',
    legal: 'Luật Trồng trọt năm 2018; Luật Chăn nuôi năm 2018; Luật Thú y năm 2015; Luật Thủy sản năm 2017; Luật Thủy lợi năm 2017',
    time: '15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Phí thẩm định theo quy định của Bộ Tài chính', online: 'partial',
  },
  GT: {
    dossier: ['Đơn đề nghị theo mẫu', 'Bản sao giấy tờ của phương tiện, người lái', 'Hồ sơ thiết kế, phương án tổ chức giao thông (đối với công trình)'],
    subjects: 'Tổ chức, cá nhân kinh doanh vận tải; người điều khiển phương tiện; chủ phương tiện',
    result: 'Giấy phép, phù hiệu hoặc giấy chứng nhận',
    legal: 'Luật Đường bộ năm 2024; Luật Trật tự, an toàn giao thông đường bộ năm 2024; Luật Giao thông đường thủy nội địa năm 2004 (sửa đổi năm 2014); Nghị định số 158/2024/NĐ-CP',
    time: '05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Lệ phí theo quy định của Bộ Tài chính', online: 'full',
  },
  CTH: {
    dossier: ['Đơn đề nghị cấp giấy phép theo mẫu', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh', 'Bản sao hợp đồng với thương nhân cung cấp sản phẩm'],
    subjects: 'Thương nhân, hộ kinh doanh',
    result: 'Giấy phép hoặc giấy chứng nhận',
    legal: 'Nghị định số 105/2017/NĐ-CP; Nghị định số 17/2020/NĐ-CP; Nghị định số 67/2013/NĐ-CP; Nghị định số 83/2014/NĐ-CP',
    time: '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Phí thẩm định theo quy định của Bộ Tài chính', online: 'full',
  },
  TC: {
    dossier: ['Tờ khai đăng ký theo mẫu', 'Văn bản thành lập đơn vị hoặc quyết định phê duyệt dự án'],
    subjects: 'Đơn vị dự toán, đơn vị sử dụng ngân sách, chủ đầu tư',
    result: 'Giấy chứng nhận mã số hoặc quyết định phê duyệt',
    legal: 'Luật Ngân sách nhà nước năm 2015; Luật Đầu tư công năm 2024; Thông tư số 185/2015/TT-BTC',
    time: '02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'full',
  },
  TTTT: {
    dossier: ['Đơn đề nghị cấp giấy phép theo mẫu', 'Đề án hoạt động', 'Bản sao văn bằng của người đứng đầu'],
    subjects: 'Cơ quan, tổ chức, doanh nghiệp hoạt động xuất bản, in, thông tin điện tử',
    result: 'Giấy phép hoặc xác nhận đăng ký',
    legal: 'Luật Xuất bản năm 2012; Nghị định số 60/2014/NĐ-CP; Nghị định số 72/2013/NĐ-CP',
    time: '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', fee: 'Không', online: 'full',
  },
  KN: {
    dossier: ['Đơn khiếu nại, tố cáo hoặc văn bản ghi lời khiếu nại, tố cáo', 'Tài liệu, chứng cứ kèm theo (nếu có)'],
    subjects: 'Công dân, cơ quan, tổ chức',
    result: 'Quyết định giải quyết khiếu nại, kết luận nội dung tố cáo hoặc thông báo kết quả xử lý',
    legal: 'Luật Khiếu nại năm 2011; Luật Tố cáo năm 2018; Luật Tiếp công dân năm 2013; Nghị định số 124/2020/NĐ-CP; Nghị định số 31/2019/NĐ-CP',
    time: 'Không quá 30 ngày kể từ ngày thụ lý', fee: 'Không', online: 'none',
  },
};

const LEVEL_TEXT = { T: 'Cấp Tỉnh', H: 'Cấp Huyện', X: 'Cấp Xã' };
const ONLINE_TEXT = { full: 'Toàn trình', partial: 'Một phần', none: 'Không' };

// Where the dossier goes, by level: the public service centre for the province's procedures.
function desk(levels) {
  const where = [];
  if (levels.includes('T')) where.push('Trung tâm Phục vụ hành chính công tỉnh');
  if (levels.includes('H')) where.push('Bộ phận Một cửa của UBND cấp huyện');
  if (levels.includes('X')) where.push('Bộ phận Một cửa của UBND cấp xã');
  return where.join('; ');
}

function steps(p, agency) {
  const d = desk(p.levels);
  return [
    `Bước 1: Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định và nộp tại ${d} hoặc nộp trực tuyến qua Cổng Dịch vụ công quốc gia.`,
    'Bước 2: Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; hồ sơ đầy đủ thì lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần bằng Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.',
    `Bước 3: ${agency} xem xét, thẩm định hồ sơ và giải quyết theo quy định; trường hợp không giải quyết thì trả lời bằng văn bản và nêu rõ lý do.`,
    'Bước 4: Trả kết quả tại nơi nộp hồ sơ, qua dịch vụ bưu chính công ích hoặc bản điện tử trên Cổng Dịch vụ công.',
  ].join('\n');
}

function way(p) {
  const w = [`Nộp trực tiếp tại ${desk(p.levels)}.`, 'Nộp qua dịch vụ bưu chính công ích.'];
  if (p.online !== 'none') w.push('Nộp trực tuyến qua Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.');
  return w.join('\n');
}

function dossier(info) {
  return ['a) Thành phần hồ sơ:', ...info.dossier.map((d) => `- ${d};`), 'b) Số lượng hồ sơ: 01 (bộ).'].join('\n');
}

const SPECIFIC_DOSSIER = {
  '1.001193': 'a) Giấy tờ phải xuất trình: giấy tờ tùy thân của người đi đăng ký khai sinh.\nb) Giấy tờ phải nộp:\n- Tờ khai đăng ký khai sinh theo mẫu;\n- Bản chính Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh;\n- Văn bản ủy quyền có chứng thực (trường hợp ủy quyền đăng ký khai sinh).\nc) Số lượng hồ sơ: 01 (bộ).',
  '1.000894': 'a) Giấy tờ phải xuất trình: giấy tờ tùy thân của hai bên nam, nữ.\nb) Giấy tờ phải nộp:\n- Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung một tờ khai);\n- Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký kết hôn không tại nơi thường trú).\nc) Số lượng hồ sơ: 01 (bộ).',
  '1.000656': 'a) Giấy tờ phải xuất trình: giấy tờ tùy thân của người đi đăng ký khai tử.\nb) Giấy tờ phải nộp:\n- Tờ khai đăng ký khai tử theo mẫu;\n- Giấy báo tử hoặc giấy tờ khác thay giấy báo tử do cơ quan có thẩm quyền cấp.\nc) Số lượng hồ sơ: 01 (bộ).',
  '2.000815': 'a) Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao và bản sao cần chứng thực;\nb) Trường hợp người yêu cầu chỉ xuất trình bản chính thì cơ quan, tổ chức tiến hành chụp từ bản chính để thực hiện chứng thực (trừ trường hợp cơ quan không có phương tiện để chụp).\nc) Số lượng hồ sơ: 01 (bộ).',
  '2.000884': 'a) Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu chứng thực;\nb) Giấy tờ, văn bản mà mình sẽ ký.\nc) Số lượng hồ sơ: 01 (bộ).',
  '1.013225': 'a) Đơn đề nghị cấp giấy phép xây dựng theo mẫu;\nb) Bản sao một trong những giấy tờ chứng minh quyền sử dụng đất;\nc) Bản sao 02 bộ bản vẽ thiết kế xây dựng (mặt bằng công trình trên lô đất, mặt bằng, mặt cắt, mặt đứng chính, mặt bằng móng, sơ đồ đấu nối hạ tầng kỹ thuật);\nd) Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế (nếu có).\nSố lượng hồ sơ: 01 (bộ).',
  '1.001612': 'a) Giấy đề nghị đăng ký hộ kinh doanh;\nb) Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh);\nc) Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh.\nSố lượng hồ sơ: 01 (bộ).',
};

// Parses the list into procedure objects.
export function realProcedures() {
  const out = [];
  for (const line of REAL.split('\n')) {
    if (!/^\d/.test(line)) continue;
    const [rawCode, name, field, levels, agency, time, fee, online, flags = ''] = line.split('|');
    const code = rawCode.replace('*', '');
    out.push({
      code, reconstructed: rawCode.endsWith('*'), name, field, levels,
      agency, time, fee, online, replacedBy: flags.startsWith('A:') ? flags.slice(2) : null,
    });
  }
  return out;
}

// The same folding the api does for the simple names of fields (core/vnfold is authoritative:
// procedures_after_demo recomputes it).
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
  .toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const q = (s) => (s === null || s === undefined ? 'NULL' : `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`);

function iso(d) {
  return d.toISOString().slice(0, 10);
}

function demoSql() {
  const r = rng(20230115);
  const lines = [
    '-- Demo procedure catalogue: real procedures of provincial, district and commune level (see',
    '-- bench/procedures_real.mjs). Generated by `node bench/gen_procedures.mjs demo`; do not edit by',
    '-- hand. Search columns, completeness, time limit numbers and fee amounts are filled by the api',
    '-- (procedures_after_demo) through the same code as every write.',
  ];
  const keys = Object.keys(FIELDS);
  keys.forEach((k, i) => {
    lines.push(`INSERT INTO procedure_fields (name, name_folded, sort_order) VALUES (${q(FIELDS[k])}, ${q(fold(FIELDS[k]))}, ${i + 1});`);
  });
  const decisions = {};
  keys.forEach((k, i) => {
    const day = new Date(Date.UTC(2023, (i * 5) % 12, 3 + ((i * 7) % 24)));
    decisions[k] = { no: `${1200 + i * 37}/QĐ-UBND`, date: iso(day), eff: iso(new Date(day.getTime() + 86400000 * 10)) };
  });
  realProcedures().forEach((p, idx) => {
    const info = FIELD_INFO[p.field];
    if (!info) throw new Error(`no field info for ${p.field}`);
    const unitCode = p.agency.startsWith('@') ? p.agency.slice(1).split(';')[0].trim() : null;
    const agencyText = p.agency.replace(/@([A-Z0-9]+)/g, (_, c) => UNIT_NAMES[c] || c);
    const dec = decisions[p.field];
    const approved = r() < 0.75;
    // About one procedure in eight lacks a component, as published catalogues do.
    const gap = r() < 0.12 ? pick(r, ['way', 'subjects', 'dossier', 'steps']) : null;
    const comp = {
      steps: steps(p, agencyText),
      way: way(p),
      dossier: SPECIFIC_DOSSIER[p.code] || dossier(info),
      subjects: info.subjects,
    };
    if (gap) comp[gap] = null;
    const status = p.replacedBy ? 'abolished' : idx % 23 === 5 ? 'amended' : 'in_force';
    const cols = {
      code: q(p.code),
      name: q(p.name),
      field_id: `(SELECT id FROM procedure_fields WHERE name = ${q(FIELDS[p.field])})`,
      level_province: p.levels.includes('T') ? 1 : 0,
      level_district: p.levels.includes('H') ? 1 : 0,
      level_commune: p.levels.includes('X') ? 1 : 0,
      agency_unit_id: unitCode ? `(SELECT id FROM units WHERE code = ${q(unitCode)})` : 'NULL',
      agency: q(agencyText),
      time_limit_text: q(p.time || info.time),
      fee_text: q(p.fee || info.fee),
      online_level: q(p.online || info.online),
      postal: p.field === 'KN' || p.field === 'TDKT' ? 0 : 1,
      boundary_free: ['CT', 'LLTP', 'DN', 'HKD'].includes(p.field) || (p.field === 'HT' && r() < 0.4) ? 1 : 0,
      four_on_spot: p.field === 'CT' || (p.field === 'HKD' && r() < 0.5) ? 1 : 0,
      decision_no: q(dec.no),
      decision_date: q(dec.date),
      effective_date: q(dec.eff),
      status: q(status),
      replaced_by: q(p.replacedBy),
      status_decision_no: status === 'in_force' ? 'NULL' : q(`${2100 + idx}/QĐ-UBND`),
      status_date: status === 'in_force' ? 'NULL' : q('2024-08-01'),
      internal_process_approved: approved ? 1 : 0,
      internal_process_decision_no: approved ? q(`${1500 + (idx % 40) * 3}/QĐ-UBND`) : 'NULL',
      internal_process_date: approved ? q(iso(new Date(Date.UTC(2023, 5 + (idx % 6), 1 + (idx % 27))))) : 'NULL',
      steps: q(comp.steps),
      way: q(comp.way),
      dossier: q(comp.dossier),
      subjects: q(comp.subjects),
      requirements: q(p.field === 'HT' || p.field === 'CT' ? 'Không' : 'Đáp ứng các điều kiện theo quy định của pháp luật chuyên ngành.'),
      result: q(info.result),
      legal_basis: q(info.legal),
    };
    lines.push(`INSERT INTO procedures (${Object.keys(cols).join(', ')}) VALUES (${Object.values(cols).join(', ')});`);
  });
  return `${lines.join('\n')}\n`;
}

// Names of the demo units that agencies refer to with @CODE (db/demo/010_units_users.sql).
const UNIT_NAMES = {
  STP: 'Sở Tư pháp', SNV: 'Sở Nội vụ', STC: 'Sở Tài chính', STTTT: 'Sở Thông tin và Truyền thông',
  SKHDT: 'Sở Kế hoạch và Đầu tư', STNMT: 'Sở Tài nguyên và Môi trường', SXD: 'Sở Xây dựng',
  SGTVT: 'Sở Giao thông vận tải', SCT: 'Sở Công Thương', SNNPTNT: 'Sở Nông nghiệp và Phát triển nông thôn',
  SLDTBXH: 'Sở Lao động - Thương binh và Xã hội', SVHTTDL: 'Sở Văn hóa, Thể thao và Du lịch',
  SYT: 'Sở Y tế', SGDDT: 'Sở Giáo dục và Đào tạo', TTRA: 'Thanh tra tỉnh',
  BQLKCN: 'Ban Quản lý các khu công nghiệp tỉnh',
};

// ---- synthetic catalogue for the benchmark ----

const ACTIONS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Gia hạn', 'Điều chỉnh', 'Thu hồi', 'Đăng ký', 'Đăng ký thay đổi',
  'Xác nhận', 'Công nhận', 'Thẩm định', 'Phê duyệt', 'Chấp thuận', 'Thông báo', 'Hỗ trợ', 'Giải quyết'];
const OBJECTS = {
  DD: ['Giấy chứng nhận quyền sử dụng đất', 'quyền sử dụng đất nông nghiệp', 'biến động đất đai', 'thửa đất', 'hợp đồng thuê đất', 'đất ở', 'tài sản gắn liền với đất'],
  HT: ['khai sinh', 'kết hôn', 'khai tử', 'giám hộ', 'nhận cha, mẹ, con', 'thông tin hộ tịch', 'trích lục hộ tịch'],
  CT: ['bản sao từ bản chính', 'chữ ký người dịch', 'hợp đồng, giao dịch', 'di chúc', 'văn bản thỏa thuận phân chia di sản'],
  XD: ['giấy phép xây dựng', 'chứng chỉ hành nghề hoạt động xây dựng', 'thiết kế xây dựng', 'báo cáo kinh tế - kỹ thuật', 'giấy phép di dời công trình'],
  HKD: ['hộ kinh doanh', 'Giấy chứng nhận đăng ký hộ kinh doanh', 'địa điểm kinh doanh của hộ kinh doanh'],
  DN: ['doanh nghiệp tư nhân', 'công ty trách nhiệm hữu hạn', 'công ty cổ phần', 'chi nhánh, văn phòng đại diện', 'vốn điều lệ', 'ngành, nghề kinh doanh'],
  BTXH: ['trợ cấp xã hội hàng tháng', 'chi phí mai táng', 'Giấy xác nhận khuyết tật', 'cơ sở trợ giúp xã hội', 'kinh phí chăm sóc, nuôi dưỡng'],
  MT: ['giấy phép môi trường', 'báo cáo đánh giá tác động môi trường', 'kế hoạch bảo vệ môi trường', 'đăng ký môi trường'],
  GD: ['trường mầm non', 'trường tiểu học', 'trung tâm ngoại ngữ, tin học', 'văn bằng, chứng chỉ', 'học sinh bán trú'],
  YT: ['giấy phép hành nghề khám bệnh, chữa bệnh', 'phòng khám chuyên khoa', 'Chứng chỉ hành nghề dược', 'cơ sở bán lẻ thuốc', 'cơ sở đủ điều kiện an toàn thực phẩm'],
  VH: ['lễ hội', 'dịch vụ karaoke', 'hướng dẫn viên du lịch', 'cơ sở lưu trú du lịch', 'di tích lịch sử - văn hóa'],
  LD: ['giấy phép lao động', 'nội quy lao động', 'trợ cấp thất nghiệp', 'thỏa ước lao động tập thể', 'hoạt động giáo dục nghề nghiệp'],
  NN: ['thuốc bảo vệ thực vật', 'phân bón', 'chứng chỉ hành nghề thú y', 'tàu cá', 'giống cây trồng', 'cơ sở chăn nuôi'],
  GT: ['Giấy phép lái xe', 'phù hiệu xe', 'giấy phép kinh doanh vận tải', 'phương tiện thủy nội địa', 'giấy phép thi công công trình đường bộ'],
  CTH: ['giấy phép bán lẻ rượu', 'giấy phép bán lẻ thuốc lá', 'cửa hàng bán lẻ xăng dầu', 'hoạt động khuyến mại', 'giấy phép hoạt động điện lực'],
};
const QUALIFIERS = ['', 'đối với tổ chức', 'đối với cá nhân', 'có yếu tố nước ngoài', 'trong khu công nghiệp',
  'cho hộ gia đình, cá nhân', 'trong trường hợp bị mất, hư hỏng', 'thuộc thẩm quyền cấp tỉnh', 'thuộc thẩm quyền cấp huyện',
  'thuộc thẩm quyền cấp xã', 'đối với công trình cấp đặc biệt, cấp I', 'đối với công trình cấp II, cấp III', 'theo đề nghị của tổ chức',
  'khi thay đổi nơi cư trú', 'cho người Việt Nam định cư ở nước ngoài', 'đối với doanh nghiệp nhỏ và vừa', 'tại khu vực biên giới',
  'đối với trường hợp đặc biệt', 'lần đầu', 'định kỳ hằng năm', 'do thay đổi thông tin', 'đối với dự án đầu tư công'];
const LEVEL_SETS = ['T', 'H', 'X', 'TH', 'HX', 'THX'];

function csvCell(s) {
  const v = String(s ?? '');
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function benchCsv(count, seed, chunk, outDir) {
  const r = rng(seed);
  const header = ['STT', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Cơ quan thực hiện',
    'Thời hạn giải quyết', 'Phí, lệ phí', 'Mức độ DVC', 'Trình tự thực hiện', 'Cách thức thực hiện',
    'Thành phần hồ sơ', 'Đối tượng thực hiện'];
  const fieldKeys = Object.keys(OBJECTS);
  const names = new Set();
  const rows = [];
  for (let i = 0; rows.length < count; i++) {
    const f = pick(r, fieldKeys);
    const name = ['Thủ tục', pick(r, ACTIONS).toLowerCase(), pick(r, OBJECTS[f]), pick(r, QUALIFIERS)].filter(Boolean).join(' ');
    if (names.has(name)) {
      if (i > count * 50) throw new Error('not enough distinct names');
      continue;
    }
    names.add(name);
    const levels = pick(r, LEVEL_SETS);
    const info = FIELD_INFO[f];
    const online = pick(r, ['full', 'partial', 'partial', 'none']);
    const p = { levels, online };
    const agency = levels.includes('T') ? pick(r, Object.values(UNIT_NAMES)) : levels.includes('H') ? 'UBND cấp huyện' : 'UBND cấp xã';
    const code = `1.9${String(rows.length).padStart(5, '0')}`;
    rows.push([rows.length + 1, code, name, FIELDS[f], [...levels].map((l) => LEVEL_TEXT[l]).join(', '), agency,
      `${String(1 + Math.floor(r() * 30)).padStart(2, '0')} ${pick(r, ['ngày làm việc', 'ngày'])} kể từ ngày nhận đủ hồ sơ hợp lệ`,
      pick(r, ['Không', info.fee, `${(1 + Math.floor(r() * 20)) * 10}.000 đồng/hồ sơ`]), ONLINE_TEXT[online],
      steps(p, agency), way(p), dossier(info), info.subjects]);
  }
  mkdirSync(outDir, { recursive: true });
  for (let k = 0; k * chunk < rows.length; k++) {
    const part = rows.slice(k * chunk, (k + 1) * chunk);
    const text = [header, ...part].map((row) => row.map(csvCell).join(',')).join('\r\n');
    writeFileSync(join(outDir, `procedures_${String(k + 1).padStart(3, '0')}.csv`), `\ufeff${text}\r\n`);
  }
  return rows.length;
}

const [mode, ...rest] = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : dflt;
};
if (mode === 'demo') {
  process.stdout.write(demoSql());
} else if (mode === 'bench') {
  const n = benchCsv(Number(opt('count', 10000)), Number(opt('seed', 7)), Number(opt('chunk', 1000)), opt('out', 'var/bench-procedures'));
  process.stderr.write(`gen_procedures: ${n} procedures written to ${opt('out', 'var/bench-procedures')}\n`);
} else if (mode) {
  process.stderr.write('usage: gen_procedures.mjs demo | bench [--count N] [--seed S] [--chunk N] [--out DIR]\n');
  process.exit(2);
}

#!/usr/bin/env node
// Staff-side feedback items for the search benchmark (bench/bench_search.sh), as one SQL statement:
//   node bench/gen_feedback.mjs --count 5000 --tag BS > feedback.sql
// Titles are drawn (deterministically, from the row number) from Vietnamese phrases about the
// procedures' fields; title_folded is written as the api writes it (core/vnfold: no accents,
// đ -> d, lower case, punctuation -> one space). Items are forwarded to the district, commune and
// department units in turn, so every unit's staff scope holds some. Tracking codes are
// <tag><10 digits>: a second run with the same tag inserts nothing (INSERT IGNORE).
import { FIELDS } from './procedures_real.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const count = Number(arg('count', 5000));
const tag = String(arg('tag', 'BS')).toUpperCase().slice(0, 2);

const fold = (s) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
const q = (s) => `'${s.replace(/'/g, "''")}'`;

const OPENERS = ['Phản ánh về', 'Kiến nghị về', 'Chậm giải quyết hồ sơ', 'Hướng dẫn chưa rõ về', 'Đề nghị đơn giản hóa', 'Yêu cầu thêm giấy tờ khi làm'];
const SUBJECTS = Object.values(FIELDS).map((f) => `thủ tục ${f.toLowerCase()}`);
const PLACES = ['tại bộ phận một cửa', 'trên cổng dịch vụ công', 'tại UBND cấp xã', 'tại UBND cấp huyện', 'của Sở', 'qua dịch vụ bưu chính'];

const elt = (expr, list) => `ELT(${expr}, ${list.map(q).join(', ')})`;
const a = OPENERS.length, b = SUBJECTS.length, c = PLACES.length;
const pieces = (f) => [
  elt(`1 + s.seq % ${a}`, OPENERS.map(f)),
  elt(`1 + (s.seq DIV ${a}) % ${b}`, SUBJECTS.map(f)),
  elt(`1 + (s.seq DIV ${a * b}) % ${c}`, PLACES.map(f)),
];
const id = (x) => x;
console.log(`INSERT IGNORE INTO feedback (tracking_code, status, channel, sender_name, address, phone, title,
  title_folded, content, type, assigned_unit_id, received_at, intake_at, status_since, forwarded_at, answer_due)
SELECT CONCAT('${tag}', LPAD(s.seq, 10, '0')), 'forwarded', 'web', 'Người gửi thử tải', 'Nam Định', '0912345678',
  CONCAT_WS(' ', ${pieces(id).join(', ')}, CONCAT('(số ', s.seq, ')')),
  CONCAT_WS(' ', ${pieces(fold).join(', ')}, CONCAT('so ', s.seq)),
  'Nội dung phản ánh dùng để đo hiệu năng tìm kiếm.', 1 + s.seq % 8, u.id,
  NOW() - INTERVAL (s.seq % 365) DAY, NOW() - INTERVAL (s.seq % 365) DAY, NOW(), NOW() - INTERVAL (s.seq % 365) DAY,
  CURDATE() + INTERVAL 10 DAY
FROM seq_1_to_${count} s
JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, COUNT(*) OVER () AS n FROM units
      WHERE level IN ('department', 'district', 'commune')) u ON u.k = s.seq % u.n;`);

-- 003_holidays: the holiday calendar for working-day deadlines (days off and làm bù Saturdays).
--
-- Scope: the schedule for cán bộ, công chức, viên chức (state agencies, 5-day week), which is the
-- one the one-stop desks and every time limit in working days follow.
-- Only days that change a working day are listed: days off falling Mon-Fri (kind 'holiday') and
-- compensatory working Saturdays (kind 'workday'); holidays that fall on a weekend are already
-- non-working and appear only through their compensatory day (nghỉ bù).
--
-- Sources:
--   2022-2026: the schedules announced each year (Thủ tướng Chính phủ's approvals, published by
--     Bộ Lao động - Thương binh và Xã hội up to 2024 and Bộ Nội vụ from 2025), including the
--     announced swaps: 29/04/2024 <-> Sat 04/05/2024; 02/05/2025 <-> Sat 26/04/2025;
--     02/01/2026 <-> Sat 10/01/2026; 31/08/2026 <-> Sat 22/08/2026.
--     Tết breaks: 29/01-06/02/2022, 20/01-26/01/2023, 08/02-14/02/2024, 25/01-02/02/2025,
--     14/02-22/02/2026 (weekdays of these ranges are listed).
--   2027: NOT yet announced; computed from Bộ luật Lao động 2019 (Điều 112: Tết Dương lịch 1 day,
--     Tết Âm lịch 5 days, Giỗ Tổ 10/3 âm lịch, 30/4, 1/5, Quốc khánh 2/9 + 1 adjacent day;
--     Điều 111 khoản 3: a holiday on the weekly rest day is taken on the next working day).
--     Tết Đinh Mùi = 06/02/2027: eve 05/02 + mùng 1-4 (06-09/02), 06-07/02 are a weekend, so
--     nghỉ bù 10-11/02. Quốc khánh adjacent day assumed 03/09/2027 (Friday). Giỗ Tổ 16/04/2027.
--     Replace these rows when the 2027 schedule is announced.
--   Not included: Ngày Văn hóa Việt Nam (24/11) — a proposed paid holiday, not yet in the
--     Labour Code when this file was written; add it by a later migration once enacted.

CREATE TABLE holidays (
    day DATE PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    kind ENUM('holiday', 'workday') NOT NULL DEFAULT 'holiday'
        COMMENT 'workday = a compensatory working Saturday',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 2022 (announced): 01/01 Sat; Tết Nhâm Dần 01/02; Giỗ Tổ 10/04 Sun; 30/04 Sat, 01/05 Sun.
INSERT INTO holidays (day, name, kind) VALUES
    ('2022-01-03', 'Nghỉ bù Tết Dương lịch', 'holiday'),
    ('2022-01-31', 'Tết Nguyên đán', 'holiday'),
    ('2022-02-01', 'Tết Nguyên đán', 'holiday'),
    ('2022-02-02', 'Tết Nguyên đán', 'holiday'),
    ('2022-02-03', 'Tết Nguyên đán', 'holiday'),
    ('2022-02-04', 'Tết Nguyên đán', 'holiday'),
    ('2022-04-11', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'holiday'),
    ('2022-05-02', 'Nghỉ bù Ngày Chiến thắng', 'holiday'),
    ('2022-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 'holiday'),
    ('2022-09-01', 'Quốc khánh', 'holiday'),
    ('2022-09-02', 'Quốc khánh', 'holiday');

-- 2023 (announced): 01/01 Sun; Tết Quý Mão 22/01; Giỗ Tổ 29/04 Sat, 30/04 Sun; 02/09 Sat.
INSERT INTO holidays (day, name, kind) VALUES
    ('2023-01-02', 'Nghỉ bù Tết Dương lịch', 'holiday'),
    ('2023-01-20', 'Tết Nguyên đán', 'holiday'),
    ('2023-01-23', 'Tết Nguyên đán', 'holiday'),
    ('2023-01-24', 'Tết Nguyên đán', 'holiday'),
    ('2023-01-25', 'Tết Nguyên đán', 'holiday'),
    ('2023-01-26', 'Tết Nguyên đán', 'holiday'),
    ('2023-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
    ('2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'holiday'),
    ('2023-05-03', 'Nghỉ bù Ngày Chiến thắng', 'holiday'),
    ('2023-09-01', 'Quốc khánh', 'holiday'),
    ('2023-09-04', 'Nghỉ bù Quốc khánh', 'holiday');

-- 2024 (announced): Tết Giáp Thìn 10/02; Monday 29/04 swapped with Saturday 04/05.
INSERT INTO holidays (day, name, kind) VALUES
    ('2024-01-01', 'Tết Dương lịch', 'holiday'),
    ('2024-02-08', 'Tết Nguyên đán', 'holiday'),
    ('2024-02-09', 'Tết Nguyên đán', 'holiday'),
    ('2024-02-12', 'Tết Nguyên đán', 'holiday'),
    ('2024-02-13', 'Tết Nguyên đán', 'holiday'),
    ('2024-02-14', 'Tết Nguyên đán', 'holiday'),
    ('2024-04-18', 'Giỗ Tổ Hùng Vương', 'holiday'),
    ('2024-04-29', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)', 'holiday'),
    ('2024-04-30', 'Ngày Chiến thắng', 'holiday'),
    ('2024-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
    ('2024-05-04', 'Làm bù (hoán đổi ngày 29/04/2024)', 'workday'),
    ('2024-09-02', 'Quốc khánh', 'holiday'),
    ('2024-09-03', 'Quốc khánh', 'holiday');

-- 2025 (announced): Tết Ất Tỵ 29/01; Friday 02/05 swapped with Saturday 26/04.
INSERT INTO holidays (day, name, kind) VALUES
    ('2025-01-01', 'Tết Dương lịch', 'holiday'),
    ('2025-01-27', 'Tết Nguyên đán', 'holiday'),
    ('2025-01-28', 'Tết Nguyên đán', 'holiday'),
    ('2025-01-29', 'Tết Nguyên đán', 'holiday'),
    ('2025-01-30', 'Tết Nguyên đán', 'holiday'),
    ('2025-01-31', 'Tết Nguyên đán', 'holiday'),
    ('2025-04-07', 'Giỗ Tổ Hùng Vương', 'holiday'),
    ('2025-04-26', 'Làm bù (hoán đổi ngày 02/05/2025)', 'workday'),
    ('2025-04-30', 'Ngày Chiến thắng', 'holiday'),
    ('2025-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
    ('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)', 'holiday'),
    ('2025-09-01', 'Quốc khánh', 'holiday'),
    ('2025-09-02', 'Quốc khánh', 'holiday');

-- 2026 (announced): Tết Bính Ngọ 17/02; Giỗ Tổ 26/04 Sun; Friday 02/01 swapped with
-- Saturday 10/01; Monday 31/08 swapped with Saturday 22/08.
INSERT INTO holidays (day, name, kind) VALUES
    ('2026-01-01', 'Tết Dương lịch', 'holiday'),
    ('2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', 'holiday'),
    ('2026-01-10', 'Làm bù (hoán đổi ngày 02/01/2026)', 'workday'),
    ('2026-02-16', 'Tết Nguyên đán', 'holiday'),
    ('2026-02-17', 'Tết Nguyên đán', 'holiday'),
    ('2026-02-18', 'Tết Nguyên đán', 'holiday'),
    ('2026-02-19', 'Tết Nguyên đán', 'holiday'),
    ('2026-02-20', 'Tết Nguyên đán', 'holiday'),
    ('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'holiday'),
    ('2026-04-30', 'Ngày Chiến thắng', 'holiday'),
    ('2026-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
    ('2026-08-22', 'Làm bù (hoán đổi ngày 31/08/2026)', 'workday'),
    ('2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)', 'holiday'),
    ('2026-09-01', 'Quốc khánh', 'holiday'),
    ('2026-09-02', 'Quốc khánh', 'holiday');

-- 2027 (statutory computation, see the header): Tết Đinh Mùi 06/02 Sat; 01/05 Sat.
INSERT INTO holidays (day, name, kind) VALUES
    ('2027-01-01', 'Tết Dương lịch', 'holiday'),
    ('2027-02-05', 'Tết Nguyên đán', 'holiday'),
    ('2027-02-08', 'Tết Nguyên đán', 'holiday'),
    ('2027-02-09', 'Tết Nguyên đán', 'holiday'),
    ('2027-02-10', 'Nghỉ bù Tết Nguyên đán', 'holiday'),
    ('2027-02-11', 'Nghỉ bù Tết Nguyên đán', 'holiday'),
    ('2027-04-16', 'Giỗ Tổ Hùng Vương', 'holiday'),
    ('2027-04-30', 'Ngày Chiến thắng', 'holiday'),
    ('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 'holiday'),
    ('2027-09-02', 'Quốc khánh', 'holiday'),
    ('2027-09-03', 'Quốc khánh', 'holiday');

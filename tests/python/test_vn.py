"""Vietnamese text helpers and value parsers (vn.h), when the loaded library has them."""
import datetime as dt
import unittest
from decimal import Decimal

import support  # noqa: F401
import danvan
from danvan import _lib, errors, vn

HAS_VN = _lib.C.has("danvan_vn_money_parse_ext")


@unittest.skipUnless(HAS_VN, "the loaded libdanvan has no Vietnamese parsers (vn.h)")
class VnTest(unittest.TestCase):
    def test_text(self):
        self.assertEqual(vn.normalize("Ð\u00a0a"), "Đ a")
        self.assertEqual(vn.match_key("Tân  Phong"), vn.match_key("tân phong"))
        self.assertEqual(vn.strip_markup("**Kế hoạch**"), "Kế hoạch")
        nfd = "Ke\u0302\u0301 hoa\u0323ch"
        self.assertEqual(vn.normalize(nfd), "Kế hoạch")

    def test_numbers_and_money(self):
        n = vn.parse_number("3.600 người")
        self.assertEqual(n.value, Decimal(3600))
        self.assertTrue(n.flags & vn.NUM_GROUPED)
        self.assertEqual("3.600 người"[n.consumed:].strip(), "người")
        self.assertEqual(vn.parse_number("3,6").value, Decimal("3.6"))
        m = vn.parse_money("3,6 tỷ đồng")
        self.assertEqual((m.dong, m.unit_exp), (3600000000, 9))
        self.assertEqual(vn.parse_money("10.500 000đ").dong, 10500000)
        with self.assertRaises(danvan.ParseError) as cm:
            vn.parse_money("không có số")
        self.assertEqual(cm.exception.code, errors.EPARSE)

    def test_quantities(self):
        q = vn.parse_quantity("ít nhất 01 công trình")
        self.assertEqual((q.bound, q.min, q.max, q.unit), ("at-least", Decimal(1), None,
                                                           "công trình"))
        q = vn.parse_quantity("300 - 500 suất")
        self.assertEqual((q.bound, q.min, q.max), ("range", Decimal(300), Decimal(500)))
        q = vn.parse_quantity("8/8 ấp")
        self.assertEqual((q.bound, q.total, q.unit), ("fraction", Decimal(8), "ấp"))
        q = vn.parse_quantity("9 tuyến đường/8.900m")
        self.assertEqual((q.min, q.unit, q.second, q.second_unit),
                         (Decimal(9), "tuyến đường", Decimal(8900), "m"))

    def test_dates_and_times(self):
        text = "ngày 22 tháng 6 năm 2021 của Tỉnh đoàn"
        d = vn.parse_date(text)
        self.assertEqual(d.value, dt.date(2021, 6, 22))
        self.assertEqual(text[d.consumed:].strip(), "của Tỉnh đoàn")
        r = vn.parse_date_range("16/12 – 30/12/2020")
        self.assertEqual((r.start, r.end), (dt.date(2020, 12, 16), dt.date(2020, 12, 30)))
        self.assertEqual(vn.parse_time("07 giờ 30 phút").value, dt.time(7, 30))
        w = vn.parse_time_range("từ 13h30 đến 15h00")
        self.assertEqual((w.start, w.end), (dt.time(13, 30), dt.time(15, 0)))
        dl = vn.parse_deadline("trước 12h")
        self.assertEqual((dl.inclusive, dl.date, dl.time), (False, None, dt.time(12, 0)))

    def test_roman_phase_docnum(self):
        self.assertEqual(vn.parse_roman("XIII").value, 13)
        p = vn.parse_phase("đợt II/2020")
        self.assertEqual((p.kind, p.number, p.year), ("round", 2, 2020))
        self.assertIsNone(vn.parse_phase("đợt 2").year)
        d = vn.parse_docnum("01-KH/BCĐ")
        self.assertEqual((d.number, d.type, d.symbol, d.style), ("01", "KH", "KH/BCĐ", "party"))


if __name__ == "__main__":
    unittest.main()

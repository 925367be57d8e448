"""Values helpers (values.h) and the error objects they raise."""
import datetime as dt
import unittest
from decimal import Decimal

import support  # noqa: F401
import danvan
from danvan import errors


class DecimalTest(unittest.TestCase):
    def test_parse_is_exact(self):
        self.assertEqual(danvan.parse_decimal("3600000000"), Decimal("3600000000"))
        self.assertEqual(danvan.parse_decimal("0.3333"), Decimal("0.3333"))
        self.assertEqual(danvan.parse_decimal("-12.50"), Decimal("-12.50"))
        self.assertIsInstance(danvan.parse_decimal("1"), Decimal)

    def test_format_strips_trailing_zeros(self):
        self.assertEqual(danvan.format_decimal(Decimal("3.50")), "3.5")
        self.assertEqual(danvan.format_decimal("2.0"), "2")
        self.assertEqual(danvan.format_decimal(10500000), "10500000")

    def test_arithmetic(self):
        self.assertEqual(danvan.decimal_add("0.1", "0.2"), Decimal("0.3"))
        self.assertEqual(danvan.decimal_mul(25, 500000), Decimal("12500000"))
        self.assertEqual(danvan.decimal_compare("2.50", "2.5"), 0)
        self.assertEqual(danvan.decimal_compare("1", "2"), -1)

    def test_bad_decimal_is_parse_error(self):
        with self.assertRaises(danvan.ParseError) as cm:
            danvan.parse_decimal("1,5")
        self.assertEqual(cm.exception.code, errors.EPARSE)
        self.assertEqual(cm.exception.status, "DANVAN_EPARSE")
        self.assertIsInstance(cm.exception, ValueError)
        self.assertTrue(cm.exception.message)

    def test_overflow_is_limit_error(self):
        with self.assertRaises(danvan.LimitError) as cm:
            danvan.parse_decimal("99999999999999999999")
        self.assertEqual(cm.exception.code, errors.ELIMIT)
        with self.assertRaises(danvan.LimitError):
            danvan.decimal_mul("9000000000000000000", 10)

    def test_floats_are_refused(self):
        with self.assertRaises(danvan.FieldTypeError) as cm:
            danvan.format_decimal(0.1)
        self.assertIsInstance(cm.exception, TypeError)
        self.assertEqual(cm.exception.code, errors.ETYPE)


class DateTest(unittest.TestCase):
    def test_full_and_partial(self):
        self.assertEqual(danvan.parse_date("2024-12-04"), dt.date(2024, 12, 4))
        partial = danvan.parse_date("2024-12")
        self.assertEqual(partial, danvan.PartialDate(2024, 12))
        self.assertEqual(str(partial), "2024-12")
        self.assertEqual(danvan.format_date(partial), "2024-12")
        self.assertEqual(danvan.format_date(dt.date(2021, 6, 22)), "2021-06-22")

    def test_bad_dates(self):
        for text in ("2024-02-30", "2024-13-01", "22/06/2021", ""):
            with self.subTest(text=text):
                with self.assertRaises(danvan.ParseError) as cm:
                    danvan.parse_date(text)
                self.assertEqual(cm.exception.code, errors.EPARSE)
                self.assertIsInstance(cm.exception, danvan.Error)

    def test_calendar_helpers(self):
        self.assertEqual(danvan.date_add_days("2024-12-30", 3), dt.date(2025, 1, 2))
        self.assertEqual(danvan.date_diff_days("2024-12-10", dt.date(2024, 12, 24)), 14)
        self.assertEqual(danvan.date_weekday("2024-12-14"), 6)  # a Saturday
        self.assertEqual(danvan.date_from_ymd(2024, 2, 29), dt.date(2024, 2, 29))
        self.assertEqual(danvan.date_from_ymd(2024, 12), danvan.PartialDate(2024, 12))
        with self.assertRaises(danvan.InvalidArgumentError):
            danvan.date_from_ymd(2023, 2, 29)

    def test_datetime_is_vietnam_time(self):
        value = danvan.parse_datetime("2024-12-10T07:30:00+07:00")
        self.assertEqual(value.utcoffset(), dt.timedelta(hours=7))
        self.assertEqual((value.hour, value.minute), (7, 30))
        self.assertEqual(value, dt.datetime(2024, 12, 10, 0, 30, tzinfo=dt.timezone.utc))
        # no offset: read as Vietnam time
        self.assertEqual(danvan.parse_datetime("2024-12-10T07:30"), value)
        self.assertEqual(danvan.parse_datetime("2024-12-10T00:30:00Z"), value)
        self.assertEqual(danvan.format_datetime(value), "2024-12-10T07:30:00+07:00")
        naive = dt.datetime(2024, 12, 10, 7, 30)
        self.assertEqual(danvan.format_datetime(naive), "2024-12-10T07:30:00+07:00")
        self.assertEqual(danvan.datetime_to_parts(value), (dt.date(2024, 12, 10), dt.time(7, 30)))
        self.assertEqual(danvan.datetime_from_parts("2024-12-10", "07:30"), value)

    def test_times(self):
        self.assertEqual(danvan.parse_time("13:30"), dt.time(13, 30))
        self.assertEqual(danvan.format_time(dt.time(7, 5)), "07:05")
        self.assertIs(danvan.parse_time("24:00"), danvan.END_OF_DAY)
        self.assertEqual(danvan.format_time(danvan.END_OF_DAY), "24:00")
        with self.assertRaises(danvan.ParseError):
            danvan.parse_time("25:00")
        with self.assertRaises(danvan.InvalidArgumentError):
            danvan.format_time(dt.time(7, 5, 30))

    def test_nul_in_text_is_refused(self):
        with self.assertRaises(danvan.InvalidArgumentError):
            danvan.parse_date("2024-12-04\0junk")


class ErrorObjectTest(unittest.TestCase):
    def test_status_names(self):
        self.assertEqual(danvan.status_name(errors.EINVAL), "DANVAN_EINVAL")
        self.assertEqual(danvan.status_name(errors.ETYPE), "DANVAN_ETYPE")
        self.assertEqual(danvan.status_name(12345), "DANVAN_UNKNOWN")

    def test_error_carries_thread_record(self):
        try:
            danvan.parse_date("2024-02-30")
        except danvan.Error as exc:
            self.assertEqual(exc.code, errors.EPARSE)
            self.assertEqual(exc.file, "")
            self.assertEqual(exc.line, 0)
            self.assertEqual(exc.column, 0)
            self.assertIn("DANVAN_EPARSE", str(exc))
        else:
            self.fail("no error")

    def test_class_per_code(self):
        for code, cls in [(errors.EINVAL, danvan.InvalidArgumentError),
                          (errors.ENOMEM, danvan.OutOfMemoryError),
                          (errors.EIO, danvan.InputOutputError),
                          (errors.EPARSE, danvan.ParseError),
                          (errors.EINVALID, danvan.FormatError),
                          (errors.ENOTFOUND, danvan.NotFoundError),
                          (errors.ELIMIT, danvan.LimitError),
                          (errors.EUNSUPPORTED, danvan.UnsupportedError),
                          (errors.EEXISTS, danvan.ExistsError),
                          (errors.ETYPE, danvan.FieldTypeError)]:
            self.assertIs(errors.error_class(code), cls)
            self.assertEqual(cls("x").code, code)


if __name__ == "__main__":
    unittest.main()

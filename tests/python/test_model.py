"""The kind table as the binding sees it (model.h) and the classes generated from it."""
import unittest

import support  # noqa: F401
import danvan
from danvan import model


class KindTableTest(unittest.TestCase):
    def test_kinds_come_from_the_library(self):
        kinds = danvan.kinds()
        for name in ("danvan", "metric", "locality", "person", "organisation", "plan", "task",
                     "quota", "selector", "duty", "report", "value"):
            self.assertIn(name, kinds)
        self.assertEqual(kinds["plan"].code, 8)
        self.assertEqual(danvan.kind_info("scope").name, "selector")
        self.assertEqual(danvan.kind_info("reporters").name, "selector")
        self.assertEqual(danvan.kind_info(15).name, "task")

    def test_unknown_kind(self):
        with self.assertRaises(danvan.NotFoundError) as cm:
            danvan.kind_info("planet")
        self.assertIn("planet", cm.exception.message)
        self.assertEqual(cm.exception.code, danvan.errors.ENOTFOUND)

    def test_fields_and_types(self):
        duty = danvan.kind_info("duty")
        self.assertEqual(duty.fields[0].name, "id")
        ws = duty.field("window-start")
        self.assertEqual(ws.attr, "window_start")
        self.assertEqual(ws.type, model.TYPE_TIME)
        self.assertIs(duty.field("window_start"), ws)
        self.assertEqual(duty.field("weekends").type, model.TYPE_BOOL)
        self.assertEqual(duty.field("lag-days").type, model.TYPE_INT)
        freq = duty.field("frequency")
        self.assertEqual(freq.type, model.TYPE_ENUM)
        self.assertIn("daily", freq.enum)
        self.assertIn("once", freq.enum)
        self.assertEqual(duty.field("to").target, "organisation")
        self.assertTrue(danvan.kind_info("plan").field("date").partial)
        self.assertFalse(danvan.kind_info("plan").field("start").partial)
        self.assertEqual(danvan.kind_info("selector").field("under").target, "any")
        self.assertEqual(danvan.kind_info("quota").field("min").type_name, "decimal")

    def test_children(self):
        self.assertEqual(danvan.kind_info("danvan").children,
                         ("metric", "locality", "person", "organisation", "plan", "report"))
        self.assertIn("selector", danvan.kind_info("quota").children)
        self.assertIn("task", danvan.kind_info("task").children)

    def test_unknown_field_of_kind(self):
        with self.assertRaises(danvan.UnknownFieldError):
            danvan.kind_info("plan").field("unit")

    def test_field_codes(self):
        self.assertEqual(model.field_code("window-start"), 64)
        self.assertEqual(model.field_code("window_start"), 64)
        with self.assertRaises(danvan.NotFoundError):
            model.field_code("nope")


class GeneratedClassesTest(unittest.TestCase):
    def test_one_class_per_kind(self):
        classes = danvan.entity_classes()
        self.assertEqual(len(classes), len(danvan.kinds()))
        self.assertIs(danvan.Plan, danvan.entity_class("plan"))
        self.assertTrue(issubclass(danvan.Quota, danvan.Entity))
        self.assertIs(danvan.DatasetRoot._kind, danvan.kind_info("danvan"))

    def test_field_attributes(self):
        for name in ("title", "start", "end", "date", "campaign", "phase", "year"):
            self.assertIsInstance(getattr(danvan.Plan, name), property, name)
        self.assertIsInstance(danvan.Duty.window_start, property)
        self.assertIsInstance(danvan.Signature.for_, property)
        self.assertIsInstance(danvan.Locality.from_, property)
        # names the Entity API already uses get a trailing underscore
        self.assertIsInstance(danvan.Organisation.kind_, property)
        self.assertIsInstance(danvan.Organisation.parent_, property)
        self.assertIn("window-start", danvan.Duty.__doc__)

    def test_entities_are_not_constructed_directly(self):
        with self.assertRaises(TypeError):
            danvan.Plan()


if __name__ == "__main__":
    unittest.main()

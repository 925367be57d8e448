"""Building and reading datasets through the binding (dataset.h)."""
import datetime as dt
import unittest
from decimal import Decimal

import support  # noqa: F401
import danvan
from danvan import errors, model

VN = danvan.VIETNAM_TZ


def build_tan_phong(ds):
    """The Tân Phong plan (round II, 2024) with duties and quotas, as in FORMAT.md."""
    ds.add("metric", "road-cleared", unit="m", name="Phát quang, dọn vệ sinh đường")
    ds.add("metric", "house", unit="house", name="Nhà đại đoàn kết", aggregate="sum",
           min_unit_cost=Decimal("20000000"), max_unit_cost=Decimal("200000000"))
    ds.add("locality", "tay-ninh", kind_="province", name="Tây Ninh")
    ds.add("locality", "tan-bien", kind_="district", name="Tân Biên", parent_="tay-ninh",
           tags=("border",), to=dt.date(2025, 6, 30))
    ds.add("locality", "tan-phong", kind_="commune", name="Tân Phong", parent_="tan-bien")
    ds.add("locality", "ap-cau", kind_="hamlet", name="Cầu", parent_="tan-phong")
    ds.add("locality", "ap-trai-bi", kind_="hamlet", name="Trại Bí", parent_="tan-phong")
    ds.add("person", "p-xanh", name="Trương Thị Kim Xanh")
    bcd = ds.add("organisation", "bcd-tan-phong", kind_="steering-committee",
                 locality="tan-phong", abbr="BCĐ",
                 name="Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng xã "
                      "Tân Phong")
    member = bcd.add("member", person="p-xanh", role="head", position="Phó Bí thư Đảng ủy")
    member.add("area", locality="ap-cau")
    ds.add("organisation", "bchqs-tan-phong", kind_="military-command", locality="tan-phong",
           parent_="bcd-tan-phong")
    ds.add("organisation", "bt-ap-cau", kind_="village-board", locality="ap-cau",
           parent_="bcd-tan-phong")
    ds.add("organisation", "bt-ap-trai-bi", kind_="village-board", locality="ap-trai-bi",
           parent_="bcd-tan-phong", tags="model-hamlet")

    plan = ds.add("plan", "tan-phong-2024-2")
    plan.type = "KH"
    plan.number = ""
    plan.symbol = "KH/BCĐ"
    plan.style = "party"
    plan.place = "Tân Phong"
    plan.date = dt.date(2024, 12, 4)
    plan.title = "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024"
    plan.campaign = "Phối hợp liên ngành làm công tác dân vận"
    plan.phase = 2
    plan.year = 2024
    plan.start = "2024-12-10"
    plan.end = dt.date(2024, 12, 24)
    plan.add("issuer", org="bcd-tan-phong")
    task = plan.add("task", "t-cau-lo-kiem", category="public-works")
    task.lead = ds["bchqs-tan-phong"]  # an entity stands for its id
    task.partners = ["bcd-tan-phong"]
    task.localities = ("ap-cau",)
    task.start, task.end = dt.date(2024, 12, 10), dt.date(2024, 12, 24)
    task.title = "Phát quang và dọn hành lang tuyến đường Lộ kiểm"
    task.add("measure", metric="road-cleared", value=Decimal("3000"))
    task.currency = "VND"
    task.cost = Decimal("90000000")
    quota = plan.add("quota", "q-houses", metric="house", min=1, mode="each",
                     coverage=Decimal("1"), owner="bcd-tan-phong", weight=Decimal("2"),
                     title="Mỗi ấp ít nhất 01 nhà đại đoàn kết")
    quota.add("scope", kind="village-board", level="hamlet", under="tan-phong")
    duty = plan.add("duty", "d-daily", frequency="daily", to="bcd-tan-phong",
                    via="bchqs-tan-phong", start="2024-12-10", end="2024-12-24")
    duty.window_start = dt.time(13, 30)
    duty.due_time = "15:00"
    duty.weekends = True
    duty.channel = "mailto:bcd@tanphong.example"
    duty.metrics = ["road-cleared", "house"]
    duty.add("reporters", kind="village-board", level="hamlet", under="tan-phong")
    final = plan.add("duty", "d-final", frequency="once", due_date="2024-12-29",
                     to="bcd-tan-phong", lag_days=0, weekends=False)
    final.add("reporters", orgs="bchqs-tan-phong")
    final.add("attachment", kind_="video", min_minutes=7, max_minutes=10)
    plan.add("event", "e-launch", kind_="launch",
             at=dt.datetime(2024, 12, 10, 7, 30, tzinfo=VN), locality="ap-cau")
    plan.add("signature", person="p-xanh", authority="", for_="bcd-tan-phong",
             position="Phó Bí thư Đảng ủy kiêm Trưởng Ban Chỉ đạo")
    report = ds.add("report", "r-cau-1210", plan="tan-phong-2024-2", duty="d-daily",
                    org="bt-ap-cau", start="2024-12-10", end="2024-12-10",
                    submitted="2024-12-10T14:05:00+07:00", mode="increment",
                    status="submitted")
    report.add("value", metric="road-cleared", locality="ap-cau", value=Decimal("1200"))
    return plan


class BuildAndReadTest(unittest.TestCase):
    def setUp(self):
        self.ds = danvan.Dataset()
        self.plan = build_tan_phong(self.ds)

    def tearDown(self):
        self.ds.close()

    def test_collections(self):
        ds = self.ds
        self.assertEqual([m.id for m in ds.metrics], ["road-cleared", "house"])
        self.assertEqual(len(ds.localities), 5)
        self.assertEqual(len(ds.people), 1)
        self.assertEqual(ds.organisations.ids(),
                         ["bcd-tan-phong", "bchqs-tan-phong", "bt-ap-cau", "bt-ap-trai-bi"])
        self.assertEqual(len(ds.plans), 1)
        self.assertIs(ds.plans[0], self.plan)
        self.assertIs(ds.plans[-1], self.plan)
        self.assertEqual(len(ds.reports), 1)
        with self.assertRaises(IndexError):
            ds.plans[1]
        self.assertEqual([e.kind for e in ds.reports[0].children()], ["value"])

    def test_string_id_enum_fields(self):
        plan = self.plan
        self.assertEqual(plan.id, "tan-phong-2024-2")
        self.assertEqual(plan.type, "KH")
        self.assertEqual(plan.number, "")  # blank but set
        self.assertTrue(plan.has("number"))
        self.assertEqual(plan.symbol, "KH/BCĐ")
        self.assertEqual(plan.style, "party")
        self.assertEqual(plan.title, "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024")
        self.assertIsNone(plan.lines)
        self.assertFalse(plan.has("lines"))
        sig = plan.children("signature")[0]
        self.assertEqual(sig.authority, "")
        self.assertEqual(sig.for_, "bcd-tan-phong")
        self.assertEqual(sig["for"], "bcd-tan-phong")

    def test_date_fields(self):
        plan = self.plan
        self.assertEqual(plan.date, dt.date(2024, 12, 4))
        self.assertIsInstance(plan.start, dt.date)
        self.assertEqual((plan.start, plan.end), (dt.date(2024, 12, 10), dt.date(2024, 12, 24)))
        plan.date = danvan.PartialDate(2024, 12)  # a registered-later copy with a blank day
        self.assertEqual(plan.date, danvan.PartialDate(2024, 12))
        self.assertEqual(plan.format("date"), "2024-12")
        plan.date = "2024-11"
        self.assertEqual(plan.date, danvan.PartialDate(2024, 11))
        self.assertEqual(self.ds["tan-bien"].to, dt.date(2025, 6, 30))
        self.assertEqual(self.ds["d-final"].due_date, dt.date(2024, 12, 29))

    def test_datetime_fields(self):
        at = self.ds["e-launch"].at
        self.assertEqual(at, dt.datetime(2024, 12, 10, 7, 30, tzinfo=VN))
        self.assertEqual(at.utcoffset(), dt.timedelta(hours=7))
        submitted = self.ds["r-cau-1210"].submitted
        self.assertEqual((submitted.hour, submitted.minute), (14, 5))
        self.assertEqual(submitted.tzinfo.utcoffset(None), dt.timedelta(hours=7))
        event = self.ds["e-launch"]
        event.at = dt.datetime(2024, 12, 10, 1, 0, tzinfo=dt.timezone.utc)
        self.assertEqual(event.at.hour, 8)
        self.assertEqual(event.format("at"), "2024-12-10T08:00:00+07:00")

    def test_time_bool_int_fields(self):
        duty = self.ds["d-daily"]
        self.assertEqual(duty.window_start, dt.time(13, 30))
        self.assertEqual(duty.due_time, dt.time(15, 0))
        self.assertIs(duty.weekends, True)
        final = self.ds["d-final"]
        self.assertIs(final.weekends, False)
        self.assertEqual(final.lag_days, 0)
        self.assertIsInstance(final.lag_days, int)
        self.assertEqual(self.plan.phase, 2)
        self.assertEqual(self.plan.year, 2024)
        duty.due_time = danvan.END_OF_DAY
        self.assertEqual(duty.format("due-time"), "24:00")
        self.assertIs(duty.due_time, danvan.END_OF_DAY)

    def test_decimal_fields(self):
        task = self.ds["t-cau-lo-kiem"]
        self.assertEqual(task.cost, Decimal("90000000"))
        self.assertIsInstance(task.cost, Decimal)
        self.assertEqual(task.currency, "VND")
        self.assertEqual(task.children("measure")[0].value, Decimal("3000"))
        quota = self.ds["q-houses"]
        self.assertEqual((quota.min, quota.coverage, quota.weight),
                         (Decimal(1), Decimal(1), Decimal(2)))
        quota.min = Decimal("0.3333")
        self.assertEqual(quota.min, Decimal("0.3333"))
        quota.max = "3600000000"
        self.assertEqual(quota.max, Decimal("3600000000"))
        self.assertEqual(self.ds["house"].min_unit_cost, Decimal("20000000"))
        attachment = self.ds["d-final"].children("attachment")[0]
        self.assertEqual((attachment.min_minutes, attachment.max_minutes), (7, 10))
        value = self.ds["r-cau-1210"].children("value")[0]
        self.assertEqual(value.value, Decimal("1200"))

    def test_list_fields(self):
        task = self.ds["t-cau-lo-kiem"]
        self.assertEqual(task.partners, ("bcd-tan-phong",))
        self.assertEqual(task.localities, ("ap-cau",))
        duty = self.ds["d-daily"]
        self.assertEqual(duty.metrics, ("road-cleared", "house"))
        duty.metrics = "road-cleared   house\n"  # text is normalised by the library
        self.assertEqual(duty.metrics, ("road-cleared", "house"))
        self.assertEqual(duty.format("metrics"), "road-cleared house")
        self.assertEqual(self.ds["tan-bien"].tags, ("border",))
        self.assertEqual(self.ds["q-houses"].selector.kind_, ("village-board",))
        self.assertEqual(duty.items("metrics"), ("road-cleared", "house"))
        self.assertEqual(task.items("lead"), ("bchqs-tan-phong",))
        task.partners = []
        self.assertEqual(task.partners, ())

    def test_fields_dict_and_item_access(self):
        duty = self.ds["d-daily"]
        fields = duty.fields()
        self.assertEqual(list(fields)[:3], ["id", "frequency", "to"])
        self.assertEqual(fields["window-start"], dt.time(13, 30))
        self.assertEqual(duty["window-start"], dt.time(13, 30))
        duty["lag-days"] = 2
        self.assertEqual(duty.lag_days, 2)
        del duty["lag-days"]
        self.assertIsNone(duty.lag_days)
        self.assertNotIn("lag-days", duty)
        self.assertIn("frequency", duty)
        self.assertEqual(duty.get("lag-days", 7), 7)

    def test_unset_by_none_and_del(self):
        plan = self.plan
        plan.place = None
        self.assertIsNone(plan.place)
        plan.place = "Tân Phong"
        del plan.place
        self.assertFalse(plan.has("place"))

    def test_tree(self):
        plan = self.plan
        self.assertEqual(plan.kind, "plan")
        self.assertIsInstance(plan, danvan.Plan)
        self.assertIs(plan.parent, self.ds.root)
        self.assertIsNone(self.ds.root.parent)
        task = self.ds["t-cau-lo-kiem"]
        self.assertIs(task.parent, plan)
        self.assertEqual([e.kind for e in plan.children()],
                         ["issuer", "task", "quota", "duty", "duty", "event", "signature"])
        self.assertEqual([d.id for d in plan.children("duty")], ["d-daily", "d-final"])
        self.assertEqual(len(plan.children(danvan.Quota)), 1)
        sub = task.add("task", "t-sub", title="Sub-task")
        self.assertIs(task.children("task")[0], sub)
        self.assertIs(self.ds.find("t-sub"), sub)
        self.assertIs(self.ds.find("t-sub"), self.ds.find("t-sub"))
        self.assertEqual(self.ds.entity_count, len(list(self.ds.walk())))
        self.assertEqual([e.id for e in self.ds.walk("duty")], ["d-daily", "d-final"])

    def test_location_of_built_entities(self):
        self.assertEqual((self.plan.file, self.plan.line, self.plan.column), ("", 0, 0))

    def test_resolve(self):
        task = self.ds["t-cau-lo-kiem"]
        lead = task.resolve("lead")
        self.assertIs(lead, self.ds["bchqs-tan-phong"])
        self.assertEqual(lead.kind_, "military-command")
        self.assertEqual(task.resolve_all("partners"), [self.ds["bcd-tan-phong"]])
        issuer = self.plan.children("issuer")[0]
        self.assertEqual(issuer.resolve("org").abbr, "BCĐ")
        self.assertIs(self.ds["tan-phong"].resolve("parent"), self.ds["tan-bien"])
        task.partners = ["bcd-tan-phong", "nobody"]
        with self.assertRaises(danvan.NotFoundError) as cm:
            task.resolve("partners", 1)
        self.assertEqual(cm.exception.code, errors.ENOTFOUND)
        self.assertIn("nobody", cm.exception.message)
        self.assertEqual(task.resolve_all("partners", strict=False),
                         [self.ds["bcd-tan-phong"], None])
        with self.assertRaises(danvan.NotFoundError):
            task.resolve("partners", 5)
        with self.assertRaises(danvan.FieldTypeError) as cm:
            task.resolve("title")
        self.assertEqual(cm.exception.code, errors.ETYPE)

    def test_find_missing(self):
        self.assertIsNone(self.ds.find("nothing-here"))
        self.assertNotIn("nothing-here", self.ds)
        self.assertIn("d-daily", self.ds)
        with self.assertRaises(danvan.NotFoundError) as cm:
            self.ds["nothing-here"]
        self.assertIsInstance(cm.exception, LookupError)
        self.assertEqual(cm.exception.code, errors.ENOTFOUND)

    def test_changing_id_reindexes(self):
        task = self.ds["t-cau-lo-kiem"]
        task.id = "t-lo-kiem"
        self.assertIs(self.ds.find("t-lo-kiem"), task)
        self.assertIsNone(self.ds.find("t-cau-lo-kiem"))

    def test_remove(self):
        task = self.ds["t-cau-lo-kiem"]
        measure = task.children("measure")[0]
        count = self.ds.entity_count
        task.remove()
        self.assertEqual(self.ds.entity_count, count - 2)
        self.assertIsNone(self.ds.find("t-cau-lo-kiem"))
        self.assertEqual(len(self.plan.children("task")), 0)
        self.assertTrue(task.removed)
        for dead in (task, measure):
            with self.assertRaises(danvan.ClosedError) as cm:
                dead.title if dead is task else dead.value
            self.assertEqual(cm.exception.code, errors.EINVAL)
            self.assertIn("removed", repr(dead))
        with self.assertRaises(danvan.ClosedError):
            task.remove()
        self.assertEqual(self.plan.title[:7], "Phối hợ")  # the rest is untouched
        with self.assertRaises(danvan.InvalidArgumentError):
            self.ds.root.remove()


class SelectorTest(unittest.TestCase):
    def setUp(self):
        self.ds = ds = danvan.Dataset()
        ds.add("locality", "tay-ninh", kind_="province")
        ds.add("locality", "tan-bien", kind_="district", parent_="tay-ninh", tags="border",
               to="2025-06-30")
        ds.add("locality", "hoa-thanh", kind_="district", parent_="tay-ninh")
        ds.add("locality", "tan-phong", kind_="commune", parent_="tan-bien")
        ds.add("organisation", "tinh-doan", kind_="youth-union", locality="tay-ninh")
        ds.add("organisation", "hd-tan-bien", kind_="youth-union", locality="tan-bien",
               parent_="tinh-doan", to="2025-06-30")
        ds.add("organisation", "hd-hoa-thanh", kind_="youth-union", locality="hoa-thanh",
               parent_="tinh-doan")
        ds.add("organisation", "dx-tan-phong", kind_="youth-union", locality="tan-phong",
               parent_="hd-tan-bien")
        ds.add("organisation", "bcd-tan-phong", kind_="steering-committee",
               locality="tan-phong")
        self.plan = ds.add("plan", "p")

    def tearDown(self):
        self.ds.close()

    def ids(self, entities):
        return [e.id for e in entities]

    def test_kind_and_level_under_organisation(self):
        quota = self.plan.add("quota", "q1", min=1)
        quota.add("scope", kind="youth-union", level="district", under="tinh-doan")
        self.assertEqual(self.ids(quota.resolve_scope()), ["hd-tan-bien", "hd-hoa-thanh"])
        self.assertTrue(all(isinstance(o, danvan.Organisation) for o in quota.resolve_scope()))

    def test_tags_from_the_locality(self):
        quota = self.plan.add("quota", "q2", min=1)
        quota.add("scope", kind="youth-union", level="district", tags="border")
        self.assertEqual(self.ids(quota.resolve_scope()), ["hd-tan-bien"])

    def test_under_a_locality_and_date(self):
        duty = self.plan.add("duty", "d", frequency="daily")
        duty.add("reporters", under="tan-bien")
        self.assertEqual(self.ids(duty.resolve_scope()),
                         ["hd-tan-bien", "dx-tan-phong", "bcd-tan-phong"])
        after_reform = duty.resolve_scope(date=dt.date(2025, 7, 1))
        self.assertEqual(self.ids(after_reform), ["dx-tan-phong", "bcd-tan-phong"])
        self.assertEqual(self.ids(duty.resolve_scope("2025-01-01")),
                         ["hd-tan-bien", "dx-tan-phong", "bcd-tan-phong"])
        # the selector entity itself resolves too
        self.assertEqual(duty.selector.resolve_scope(), duty.resolve_scope())

    def test_explicit_orgs(self):
        quota = self.plan.add("quota", "q3", min=1)
        quota.add("selector", orgs=["bcd-tan-phong", "tinh-doan"])
        # document order, not the order of the list
        self.assertEqual(self.ids(quota.resolve_scope()), ["tinh-doan", "bcd-tan-phong"])

    def test_selector_errors(self):
        quota = self.plan.add("quota", "q4", min=1)
        with self.assertRaises(danvan.InvalidArgumentError) as cm:
            quota.resolve_scope()  # no selector
        self.assertEqual(cm.exception.code, errors.EINVAL)
        quota.add("scope")
        with self.assertRaises(danvan.InvalidArgumentError):
            quota.resolve_scope()  # a selector with no attribute
        with self.assertRaises(danvan.InvalidArgumentError):
            self.plan.resolve_scope()  # not a selector at all
        with self.assertRaises(danvan.ParseError):
            quota.resolve_scope("2025-13-01")


class ErrorTest(unittest.TestCase):
    def setUp(self):
        self.ds = danvan.Dataset()
        self.plan = self.ds.add("plan", "p1")

    def tearDown(self):
        self.ds.close()

    def test_bad_date(self):
        with self.assertRaises(danvan.InvalidArgumentError) as cm:
            self.plan.start = "2024-02-30"
        exc = cm.exception
        self.assertEqual(exc.code, errors.EINVAL)
        self.assertEqual(exc.status, "DANVAN_EINVAL")
        self.assertIn("start", exc.message)
        self.assertIsInstance(exc, ValueError)
        self.assertIsNone(self.plan.start)  # nothing was stored
        with self.assertRaises(danvan.InvalidArgumentError):
            self.plan.start = "2024-12"  # partial dates only where the field allows them
        with self.assertRaises(danvan.FieldTypeError):
            self.plan.start = dt.datetime(2024, 12, 10, 8, 0)
        with self.assertRaises(danvan.FieldTypeError):
            self.plan.start = 20241210

    def test_unknown_field(self):
        with self.assertRaises(danvan.UnknownFieldError) as cm:
            self.plan.budget = 5
        exc = cm.exception
        self.assertEqual(exc.code, errors.EINVAL)
        self.assertIn("budget", exc.message)
        self.assertIsInstance(exc, AttributeError)
        self.assertIsInstance(exc, danvan.InvalidArgumentError)
        with self.assertRaises(danvan.UnknownFieldError):
            self.plan.unit  # a field of metrics, not of plans
        with self.assertRaises(danvan.UnknownFieldError):
            self.plan["unit"] = "m"
        with self.assertRaises(danvan.UnknownFieldError):
            self.plan.set("no-such-field", "x")
        self.assertFalse(hasattr(self.plan, "budget"))
        org = self.ds.add("organisation", "o1", kind="police")
        with self.assertRaises(danvan.UnknownFieldError) as cm:
            org.kind = "youth-union"  # the entity's kind, not the field
        self.assertIn("kind_", cm.exception.message)
        org.kind_ = "youth-union"
        self.assertEqual((org.kind, org.kind_, org["kind"]), ("organisation", "youth-union",
                                                              "youth-union"))
        with self.assertRaises(danvan.UnknownFieldError):
            org.parent = "o2"
        org["parent"] = "o2"
        self.assertEqual(org.parent_, "o2")
        self.assertIs(org.parent, self.ds.root)
        with self.assertRaises(danvan.UnknownFieldError):
            self.ds.add("plan", "p2", budget=1)
        self.assertIsNone(self.ds.find("p2"))  # the half-made entity was removed again

    def test_bad_enum_and_bad_id(self):
        duty = self.plan.add("duty", "d1")
        with self.assertRaises(danvan.InvalidArgumentError) as cm:
            duty.frequency = "hourly"
        self.assertIn("hourly", cm.exception.message)
        with self.assertRaises(danvan.InvalidArgumentError):
            self.plan.add("task", "1-not-an-ncname")
        with self.assertRaises(danvan.InvalidArgumentError):
            duty.to = "has space"

    def test_wrong_python_types(self):
        task = self.plan.add("task", "t1")
        with self.assertRaises(danvan.FieldTypeError) as cm:
            task.cost = 90000000.0  # binary floating point is refused
        self.assertEqual(cm.exception.code, errors.ETYPE)
        self.assertIsInstance(cm.exception, TypeError)
        duty = self.plan.add("duty", "d1")
        with self.assertRaises(danvan.FieldTypeError):
            duty.weekends = 1
        with self.assertRaises(danvan.FieldTypeError):
            duty.lag_days = True
        with self.assertRaises(danvan.FieldTypeError):
            task.title = 12
        with self.assertRaises(danvan.FieldTypeError):
            task.partners = [1, 2]
        with self.assertRaises(danvan.InvalidArgumentError):
            task.partners = ["a b"]

    def test_limits(self):
        task = self.plan.add("task", "t1")
        with self.assertRaises(danvan.LimitError) as cm:
            task.cost = Decimal("10000000000000000000")
        self.assertEqual(cm.exception.code, errors.ELIMIT)
        with self.assertRaises(danvan.LimitError):
            self.plan.year = 1 << 70

    def test_child_kind_misuse(self):
        with self.assertRaises(danvan.InvalidArgumentError) as cm:
            self.plan.add("metric", "m1")  # metrics live at the top level
        self.assertEqual(cm.exception.code, errors.EINVAL)
        self.assertIn("cannot contain", cm.exception.message)
        with self.assertRaises(danvan.InvalidArgumentError):
            self.ds.add("task", "t0")
        with self.assertRaises(danvan.InvalidArgumentError) as cm:
            self.plan.add("issuer", "has-no-id")  # an issuer has no id
        self.assertIn("no id", cm.exception.message)
        with self.assertRaises(danvan.NotFoundError):
            self.plan.add("chapter")
        quota = self.plan.add("quota", "q1")
        quota.add("scope", kind="youth-union")
        with self.assertRaises(danvan.ExistsError) as cm:
            quota.add("scope", kind="police")  # one scope per quota
        self.assertEqual(cm.exception.code, errors.EEXISTS)
        self.assertEqual(len(quota.children("selector")), 1)
        duty = self.plan.add("duty", "d1")
        duty.add("reporters", orgs="x")
        with self.assertRaises(danvan.ExistsError):
            duty.add("selector", orgs="y")

    def test_duplicate_ids_are_accepted_first_wins(self):
        first = self.plan.add("task", "t-dup", title="first")
        second = self.plan.add("task", "t-dup", title="second")
        self.assertIsNot(first, second)
        self.assertIs(self.ds["t-dup"], first)
        first.remove()
        self.assertIs(self.ds["t-dup"], second)


class EveryFieldTest(unittest.TestCase):
    """Set a sample value on every field of every kind in the library's table and read it
    back: the generated surface covers the whole table."""

    SAMPLES = {
        model.TYPE_STRING: ("Ấp Cầu – đợt II", "Ấp Cầu – đợt II"),
        model.TYPE_ID: ("x-1", "x-1"),
        model.TYPE_REF: ("ref-1", "ref-1"),
        model.TYPE_REFS: (["a-1", "b-2"], ("a-1", "b-2")),
        model.TYPE_TOKENS: (("border", "new-rural"), ("border", "new-rural")),
        model.TYPE_DATE: (dt.date(2024, 12, 10), dt.date(2024, 12, 10)),
        model.TYPE_DATETIME: (dt.datetime(2024, 12, 10, 14, 5, tzinfo=VN),
                              dt.datetime(2024, 12, 10, 14, 5, tzinfo=VN)),
        model.TYPE_TIME: (dt.time(13, 30), dt.time(13, 30)),
        model.TYPE_DECIMAL: (Decimal("10500000.25"), Decimal("10500000.25")),
        model.TYPE_INT: (42, 42),
        model.TYPE_BOOL: (True, True),
    }

    def paths(self):
        """For every kind, the chain of kinds from the root that reaches it."""
        kinds = danvan.kinds()
        paths = {"danvan": []}
        queue = ["danvan"]
        while queue:
            k = queue.pop(0)
            for child in kinds[k].children:
                if child not in paths:
                    paths[child] = paths[k] + [child]
                    queue.append(child)
        return paths

    def test_round_trip(self):
        kinds = danvan.kinds()
        paths = self.paths()
        checked = 0
        with danvan.Dataset() as ds:
            for name, info in kinds.items():
                if name not in paths or name == "danvan":
                    continue
                parent = ds.root
                for step in paths[name][:-1]:
                    parent = parent.add(step)
                entity = parent.add(name)
                self.assertIsInstance(entity, danvan.entity_class(name))
                for f in info.fields:
                    with self.subTest(kind=name, field=f.name):
                        if f.type == model.TYPE_ENUM:
                            given = expected = f.enum[-1]
                        else:
                            given, expected = self.SAMPLES[f.type]
                        entity.set(f.name, given)
                        self.assertEqual(entity.get(f.name), expected)
                        self.assertEqual(type(entity.get(f.name)), type(expected))
                        attr = f.attr if f.name != "id" else "id"
                        if attr in danvan.Entity.__dict__ and attr != "id":
                            attr += "_"
                        self.assertEqual(getattr(entity, attr), expected)
                        self.assertIsNotNone(entity.format(f.name))
                        entity.unset(f.name)
                        self.assertIsNone(entity.get(f.name))
                        checked += 1
        self.assertGreater(checked, 150)


if __name__ == "__main__":
    unittest.main()

"""Lifetimes: entities keep their dataset alive, close() and removal never crash, gc order
does not matter, threads use separate datasets at once."""
import gc
import random
import threading
import unittest
import weakref
from decimal import Decimal

import support  # noqa: F401
import danvan
from danvan import errors


def small_dataset():
    ds = danvan.Dataset()
    plan = ds.add("plan", "p1", title="Kế hoạch dân vận", start="2024-12-10", end="2024-12-24")
    task = plan.add("task", "t1", title="Phát quang", cost=Decimal("90000000"))
    return ds, plan, task


class LifetimeTest(unittest.TestCase):
    def test_entity_keeps_dataset_alive(self):
        ds, plan, task = small_dataset()
        ref = weakref.ref(ds)
        del ds
        gc.collect()
        self.assertIsNotNone(ref())  # the entities hold it
        self.assertEqual(plan.title, "Kế hoạch dân vận")
        self.assertEqual(task.cost, Decimal("90000000"))
        self.assertEqual(task.dataset.entity_count, 2)
        del plan, task
        gc.collect()
        self.assertIsNone(ref())  # freed with the last entity

    def test_dataset_freed_when_nothing_uses_it(self):
        ds = danvan.Dataset()
        ref = weakref.ref(ds)
        del ds
        self.assertIsNone(ref())

    def test_children_views_and_lists_keep_it_alive(self):
        ds, plan, task = small_dataset()
        tasks = plan.children("task")
        plans = ds.plans
        del ds, plan, task
        gc.collect()
        self.assertEqual(tasks[0].title, "Phát quang")
        self.assertEqual(plans[0].id, "p1")

    def test_any_deletion_order(self):
        rng = random.Random(20241210)
        for _ in range(50):
            ds, plan, task = small_dataset()
            extra = [plan.add("quota", f"q{i}", min=i) for i in range(5)]
            objects = [ds, plan, task] + extra + [plan.children(), ds.plans]
            rng.shuffle(objects)
            del ds, plan, task, extra
            while objects:
                objects.pop()
                gc.collect()

    def test_reference_cycles(self):
        results = []

        class Holder:
            def __del__(self):
                try:
                    results.append(self.task.title)
                except danvan.ClosedError:
                    results.append("closed")

        for _ in range(20):
            ds, plan, task = small_dataset()
            h = Holder()
            h.ds, h.plan, h.task, h.me = ds, plan, task, h  # one cycle through everything
            box = [ds, h]
            box.append(box)
            del ds, plan, task, h, box
            gc.collect()
        # whichever was finalised first, the finaliser got a value or a clean error
        self.assertEqual(len(results), 20)
        self.assertTrue(set(results) <= {"Phát quang", "closed"})

    def test_close_then_touch(self):
        ds, plan, task = small_dataset()
        ds.close()
        self.assertTrue(ds.closed)
        for action in (lambda: plan.title, lambda: task.cost, lambda: setattr(plan, "title", "x"),
                       lambda: plan.add("task"), lambda: task.remove(), lambda: ds.plans[0],
                       lambda: ds.find("p1"), lambda: ds.root, lambda: plan.children(),
                       lambda: plan.parent, lambda: task.resolve("lead"), lambda: plan.id,
                       lambda: ds.entity_count):
            with self.assertRaises(danvan.ClosedError) as cm:
                action()
            self.assertEqual(cm.exception.code, errors.EINVAL)
            self.assertIsInstance(cm.exception, danvan.Error)
        self.assertIn("closed", repr(plan))
        self.assertIn("closed", repr(ds))
        self.assertTrue(plan.removed)
        ds.close()  # twice is fine

    def test_context_manager(self):
        with danvan.Dataset() as ds:
            plan = ds.add("plan", "p1", title="x")
            self.assertFalse(ds.closed)
            self.assertEqual(plan.title, "x")
        self.assertTrue(ds.closed)
        with self.assertRaises(danvan.ClosedError):
            plan.title
        with self.assertRaises(danvan.ClosedError):
            with ds:
                pass

    def test_context_manager_closes_on_error(self):
        with self.assertRaises(RuntimeError):
            with danvan.Dataset() as ds:
                ds.add("plan", "p1")
                raise RuntimeError("boom")
        self.assertTrue(ds.closed)

    def test_removed_subtree(self):
        ds, plan, task = small_dataset()
        measure = task.add("measure", value=5)
        sub = task.add("task", "t-sub")
        other = plan.add("task", "t2")
        task.remove()
        for dead in (task, measure, sub):
            with self.assertRaises(danvan.ClosedError):
                dead.kind_info and dead.id
        self.assertEqual(other.id, "t2")  # a sibling stays usable
        self.assertEqual(plan.title, "Kế hoạch dân vận")
        plan.remove()
        with self.assertRaises(danvan.ClosedError):
            other.id
        self.assertEqual(ds.entity_count, 0)
        ds.close()

    def test_not_picklable(self):
        import copy
        import pickle

        ds, plan, task = small_dataset()
        with self.assertRaises(TypeError):
            pickle.dumps(plan)
        with self.assertRaises(TypeError):
            copy.copy(ds)
        ds.close()


class ThreadTest(unittest.TestCase):
    N = 400

    def work(self, name, barrier, out):
        try:
            barrier.wait()
            with danvan.Dataset() as ds:
                plan = ds.add("plan", name, title=f"Kế hoạch {name}")
                for i in range(self.N):
                    plan.add("task", f"{name}-t{i}", cost=Decimal(i) * 1000,
                             start="2024-12-10", title=f"việc {i}")
                total = sum((t.cost for t in plan.children("task")), Decimal(0))
                found = [ds[f"{name}-t{i}"].title for i in range(0, self.N, 37)]
                try:
                    plan.start = "2024-02-30"  # errors are recorded per thread
                except danvan.InvalidArgumentError as exc:
                    assert "2024-02-30" in exc.message, exc.message
                out[name] = (ds.entity_count, total, found, plan.title)
        except BaseException as exc:  # reported by the main thread
            out[name] = exc

    def test_two_threads_two_datasets(self):
        barrier = threading.Barrier(2)
        out = {}
        threads = [threading.Thread(target=self.work, args=(n, barrier, out))
                   for n in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        expected_total = Decimal(sum(range(self.N)) * 1000)
        for name in ("a", "b"):
            result = out[name]
            if isinstance(result, BaseException):
                raise result
            count, total, found, title = result
            self.assertEqual(count, self.N + 1)
            self.assertEqual(total, expected_total)
            self.assertEqual(found, [f"việc {i}" for i in range(0, self.N, 37)])
            self.assertEqual(title, f"Kế hoạch {name}")

    def test_error_record_is_per_thread(self):
        seen = {}

        def fail_here():
            try:
                danvan.parse_date("2024-13-01")
            except danvan.ParseError as exc:
                seen["thread"] = exc.message

        try:
            danvan.parse_time("99:99")
        except danvan.ParseError as exc:
            main_message = exc.message
        t = threading.Thread(target=fail_here)
        t.start()
        t.join()
        self.assertIn("2024-13-01", seen["thread"])
        self.assertEqual(danvan.errors.last_error().message, main_message)


if __name__ == "__main__":
    unittest.main()

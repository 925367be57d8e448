/* Reporting duties: the slots each reporter unit owes, and matching reports to them. */
#include <string.h>

#include "evaluate/eval.h"

#define MAX_SLOTS 100000

enum { F_DAILY, F_WEEKLY, F_MONTHLY, F_QUARTERLY, F_HALF, F_YEARLY, F_ONCE };
static const char *const FREQ_WORDS[] = {"daily",  "weekly", "monthly", "quarterly",
                                         "half-yearly", "yearly", "once", NULL};

static int32_t add_days(int32_t date, int64_t days) {
  return dvi_days_to_date(dvi_date_to_days(date) + days);
}

static int32_t weekday(int32_t date) { /* 1 Monday … 7 Sunday */
  int64_t z = dvi_date_to_days(date);
  return (int32_t)(((z % 7) + 7 + 3) % 7) + 1;
}

static int32_t month_end(int32_t y, int32_t m) {
  int32_t next = m == 12 ? (y + 1) * 10000 + 101 : y * 10000 + (m + 1) * 100 + 1;
  return add_days(next, -1);
}

/* Last day of the calendar period of `freq` that contains `date`. */
static int32_t period_end(int freq, int32_t date) {
  int32_t y = date / 10000, m = date / 100 % 100;
  switch (freq) {
    case F_DAILY: return date;
    case F_WEEKLY: return add_days(date, 7 - weekday(date));
    case F_MONTHLY: return month_end(y, m);
    case F_QUARTERLY: return month_end(y, ((m - 1) / 3) * 3 + 3);
    case F_HALF: return month_end(y, m <= 6 ? 6 : 12);
    default: return y * 10000 + 1231;
  }
}

static int64_t at(int32_t date, int32_t minutes) {
  return dvi_date_to_days(date) * 86400 + (int64_t)minutes * 60 - DANVAN_VN_OFFSET_SECONDS;
}

static int32_t push_slot(ev_duty *d, uint32_t *cap, int32_t start, int32_t end, int32_t due_date,
                         const dvi_value *due_time, const dvi_value *window, bool inclusive) {
  if (d->nslots >= MAX_SLOTS)
    return dvi_error(DANVAN_ELIMIT, "duty '%s' has more than %d slots", d->id, MAX_SLOTS);
  if (d->nslots == *cap) {
    uint32_t ncap = *cap ? *cap * 2 : 16;
    ev_slotdef *s = dvi_realloc(d->slots, ncap * sizeof *s);
    if (!s) return dvi_error(DANVAN_ENOMEM, "out of memory");
    d->slots = s;
    *cap = ncap;
  }
  ev_slotdef *s = &d->slots[d->nslots++];
  s->start = start;
  s->end = end;
  s->due_date = due_date;
  if (due_time && due_time->u.i < 1440)
    s->last = at(due_date, (int32_t)due_time->u.i) - (inclusive ? 0 : 1);
  else
    s->last = at(due_date, 1440) - 1; /* end of the day */
  s->open = window ? at(due_date, (int32_t)window->u.i) : INT64_MIN;
  return DANVAN_OK;
}

int32_t dvi_ev_setup_duty(danvan_evaluation *ev, ev_duty *d, const danvan_entity *duty) {
  d->e = duty;
  const dvi_value *freq = dvi_val(duty, DANVAN_F_FREQUENCY);
  d->freq = dvi_val(duty, DANVAN_F_DUE_DATE) ? F_ONCE : F_DAILY;
  if (freq)
    for (int i = 0; FREQ_WORDS[i]; i++)
      if (strcmp(FREQ_WORDS[i], freq->u.s) == 0) d->freq = i;
  int32_t start = dvi_ev_date(duty, DANVAN_F_START), end = dvi_ev_date(duty, DANVAN_F_END);
  if (!start) start = dvi_ev_date(ev->plan, DANVAN_F_START);
  if (!end) end = dvi_ev_date(ev->plan, DANVAN_F_END);
  const dvi_value *lagv = dvi_val(duty, DANVAN_F_LAG_DAYS);
  int64_t lag = lagv ? lagv->u.i : 0;
  if (lag < -3660 || lag > 3660) lag = 0; /* absurd; the validator reports such values */
  const dvi_value *wk = dvi_val(duty, DANVAN_F_WEEKENDS);
  bool weekends = wk && wk->u.i;
  const dvi_value *due_time = dvi_val(duty, DANVAN_F_DUE_TIME);
  const dvi_value *window = dvi_val(duty, DANVAN_F_WINDOW_START);
  bool incl = ev->opts.inclusive != 0;
  uint32_t cap = 0;
  int32_t rc = DANVAN_OK;

  if (d->freq == F_ONCE) {
    int32_t due = dvi_ev_date(duty, DANVAN_F_DUE_DATE);
    if (!due) due = end;
    if (due) {
      int32_t s0 = start ? start : due, s1 = end ? end : due;
      if (s0 > s1) s0 = s1;
      rc = push_slot(d, &cap, s0, s1, due, due_time, window, incl);
    }
  } else if (start && end && start <= end) {
    for (int32_t cur = start; cur <= end && !rc;) {
      int32_t pend = period_end(d->freq, cur);
      if (pend > end) pend = end;
      bool skip = d->freq == F_DAILY && !weekends && weekday(cur) >= 6;
      if (!skip) rc = push_slot(d, &cap, cur, pend, add_days(pend, lag), due_time, window, incl);
      cur = add_days(pend, 1);
    }
  }
  if (rc) return rc;

  /* reporter units: organisations valid at the start of the duty */
  if (dvi_kid_first(duty, DANVAN_KIND_SELECTOR)) {
    danvan_entity_list *l = NULL;
    rc = danvan_selector_resolve(&l, duty, start);
    if (rc == DANVAN_ENOMEM) return rc;
    if (rc == DANVAN_OK && l->n) {
      d->units = dvi_malloc(l->n * sizeof *d->units);
      if (!d->units) {
        danvan_entity_list_free(l);
        return dvi_error(DANVAN_ENOMEM, "out of memory");
      }
      for (size_t i = 0; i < l->n; i++) {
        d->units[i] = l->items[i];
        if (!dvi_ptrmap_put(&d->unit_index, l->items[i], (int32_t)i)) {
          danvan_entity_list_free(l);
          return dvi_error(DANVAN_ENOMEM, "out of memory");
        }
      }
      d->nunits = (uint32_t)l->n;
    }
    danvan_entity_list_free(l);
  }
  if (d->nunits && d->nslots) {
    d->state = dvi_calloc((size_t)d->nunits * d->nslots, sizeof *d->state);
    d->best = dvi_calloc((size_t)d->nunits * d->nslots, sizeof *d->best);
    if (!d->state || !d->best) return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  return DANVAN_OK;
}

/* Rank of a match: higher is better. */
static int status_rank(int8_t s) {
  return s == DANVAN_SLOT_ON_TIME ? 3 : s == DANVAN_SLOT_EARLY ? 2 : s == DANVAN_SLOT_LATE ? 1 : 0;
}

static void offer(ev_slotstate *st, int8_t *best, int8_t status, int64_t submitted,
                  const char *report) {
  int a = status_rank(status), b = status_rank(*best);
  bool better = a > b;
  if (a == b && a > 0) {
    if (submitted != st->submitted) better = submitted < st->submitted;
    else better = report && (!st->report || strcmp(report, st->report) < 0);
  }
  if (!better) return;
  *best = status;
  st->submitted = submitted;
  st->report = report;
}

void dvi_ev_match_slots(ev_duty *d, int32_t u, int32_t rstart, int32_t rend,
                        int64_t submitted, const char *report, bool *matched) {
  if (!d->nslots || !d->state || !d->best || u < 0) return;
  uint32_t lo, hi;
  if (d->freq == F_ONCE) {
    lo = 0;
    hi = d->nslots;
  } else {
    if (!rstart && !rend) {
      /* no covered period: the day of submission (daily), else the latest period that ended
         before that day, else the first one */
      int32_t day = 0;
      if (danvan_datetime_to_parts(&day, NULL, submitted) != DANVAN_OK) return;
      if (d->freq == F_DAILY) {
        rstart = rend = day;
      } else {
        uint32_t pick = 0;
        for (uint32_t i = 0; i < d->nslots && d->slots[i].end < day; i++) pick = i;
        rstart = d->slots[pick].start;
        rend = d->slots[pick].end;
      }
    }
    if (!rstart) rstart = rend;
    if (!rend) rend = rstart;
    if (rstart > rend) return;
    /* slots are sorted and disjoint: the first whose end >= rstart */
    uint32_t a = 0, b = d->nslots;
    while (a < b) {
      uint32_t mid = a + (b - a) / 2;
      if (d->slots[mid].end < rstart) a = mid + 1;
      else b = mid;
    }
    lo = a;
    hi = lo;
    while (hi < d->nslots && d->slots[hi].start <= rend) hi++;
  }
  for (uint32_t i = lo; i < hi; i++) {
    const ev_slotdef *s = &d->slots[i];
    int8_t status = submitted < s->open   ? DANVAN_SLOT_EARLY
                    : submitted <= s->last ? DANVAN_SLOT_ON_TIME
                                           : DANVAN_SLOT_LATE;
    size_t k = (size_t)i * d->nunits + (uint32_t)u;
    offer(&d->state[k], &d->best[k], status, submitted, report);
    *matched = true;
  }
}

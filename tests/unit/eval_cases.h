/* The datasets of the evaluation tests, built through the public API. Each builder puts the
 * plan side into ds and the reports into rs (the same dataset, or a separate one). */
#ifndef EVAL_CASES_H
#define EVAL_CASES_H

#include "eval_fixture.h"

/* ======================================================================================== */
/* Daily duties.
 * Plan p, 2024-12-10 (Tuesday) .. 2024-12-16 (Monday); as_of 2024-12-16 14:00 +07:00.
 * d-daily: every day incl. weekends, window 13:30, due 15:00, reporters = village boards
 *          under bcd (bt-a, bt-b, bt-c) -> 7 slots each.
 * d-week:  weekdays only (10, 11, 12, 13, 16 -> 5 slots), due 12:00, no window; bt-a only. */
static inline void build_daily(danvan_dataset *ds, danvan_dataset *rs) {
  danvan_entity *root = danvan_dataset_root(ds), *rr = danvan_dataset_root(rs);
  E(root, "metric", "road", "unit=m;name=Phát quang đường");
  E(root, "locality", "xa", "kind=commune;name=Xã");
  E(root, "locality", "ap-a", "kind=hamlet;parent=xa;name=Ấp A");
  E(root, "locality", "ap-b", "kind=hamlet;parent=xa;name=Ấp B");
  E(root, "locality", "ap-c", "kind=hamlet;parent=xa;name=Ấp C");
  E(root, "organisation", "bcd", "kind=steering-committee;locality=xa;name=Ban Chỉ đạo xã");
  E(root, "organisation", "bt-a", "kind=village-board;locality=ap-a;parent=bcd;name=Ban nhân dân ấp A");
  E(root, "organisation", "bt-b", "kind=village-board;locality=ap-b;parent=bcd;name=Ban nhân dân ấp B");
  E(root, "organisation", "bt-c", "kind=village-board;locality=ap-c;parent=bcd;name=Ban nhân dân ấp C");
  E(root, "organisation", "hoi-nd", "kind=farmers-association;locality=xa;parent=bcd;name=Hội Nông dân xã");
  danvan_entity *p = E(root, "plan", "p", "title=Kế hoạch thử;start=2024-12-10;end=2024-12-16");
  E(p, "issuer", NULL, "org=bcd");
  danvan_entity *q = E(p, "quota", "q1", "metric=road;min=100;title=Ít nhất 100 m");
  E(q, "scope", NULL, "orgs=bt-a bt-b");
  danvan_entity *d = E(p, "duty", "d-daily",
                       "frequency=daily;window-start=13:30;due-time=15:00;weekends=true;title=Báo cáo ngày");
  E(d, "reporters", NULL, "kind=village-board;under=bcd");
  d = E(p, "duty", "d-week", "frequency=daily;due-time=12:00;weekends=false");
  E(d, "reporters", NULL, "orgs=bt-a");

  const char *D = "plan=p;duty=d-daily;org=bt-a;";
  char f[256];
#define REP(id, day, when, vals)                                                            \
  snprintf(f, sizeof f, "%sstart=2024-12-%s;end=2024-12-%s;submitted=%s", D, day, day, when); \
  R(rr, id, f, vals)
  REP("r-a-10", "10", "2024-12-10T14:05:00+07:00", "road=150"); /* on time */
  REP("r-a-11", "11", "2024-12-11T15:00:00+07:00", NULL);       /* exactly at the deadline */
  REP("r-a-12", "12", "2024-12-12T15:01:00+07:00", NULL);       /* one minute after: late */
  REP("r-a-13", "13", "2024-12-13T13:29:00+07:00", NULL);       /* one minute before the window */
  REP("r-a-14", "14", "2024-12-14T13:30:00+07:00", NULL);       /* exactly at the window: on time */
  /* the same id again (late, with a value): a repeat is ignored entirely */
  REP("r-a-10", "10", "2024-12-10T16:00:00+07:00", "road=1000");
#undef REP
  /* bt-b: draft, returned and after-as_of reports are not counted */
  R(rr, "r-b-10", "plan=p;duty=d-daily;org=bt-b;start=2024-12-10;end=2024-12-10;"
                  "submitted=2024-12-10T14:00:00+07:00;status=draft", "road=500");
  R(rr, "r-b-11", "plan=p;duty=d-daily;org=bt-b;start=2024-12-11;end=2024-12-11;"
                  "submitted=2024-12-11T14:00:00+07:00;status=returned", NULL);
  R(rr, "r-b-12", "plan=p;duty=d-daily;org=bt-b;start=2024-12-12;end=2024-12-12;"
                  "submitted=2024-12-16T16:00:00+07:00", NULL);
  /* a unit outside the duty's reporters and the quota's scope */
  R(rr, "r-nd", "plan=p;duty=d-daily;org=hoi-nd;start=2024-12-10;end=2024-12-10;"
                "submitted=2024-12-10T14:00:00+07:00", "road=999");
  /* another plan */
  R(rr, "r-other", "plan=other;duty=d-daily;org=bt-a;start=2024-12-15;end=2024-12-15;"
                   "submitted=2024-12-15T14:00:00+07:00", NULL);
  /* d-week */
  R(rr, "w-10", "plan=p;duty=d-week;org=bt-a;start=2024-12-10;end=2024-12-10;"
                "submitted=2024-12-10T12:00:00+07:00", NULL); /* at 12:00:00: on time (inclusive) */
  R(rr, "w-11", "plan=p;duty=d-week;org=bt-a;start=2024-12-11;end=2024-12-11;"
                "submitted=2024-12-11T11:59:00+07:00", NULL); /* on time */
  R(rr, "w-13", "plan=p;duty=d-week;org=bt-a;start=2024-12-13;end=2024-12-13;"
                "submitted=2024-12-16T09:00:00+07:00", NULL); /* late */
  R(rr, "w-14", "plan=p;duty=d-week;org=bt-a;start=2024-12-14;end=2024-12-14;"
                "submitted=2024-12-14T10:00:00+07:00", NULL); /* Saturday: no slot */
}

/* ======================================================================================== */
/* Periodic duties. Plan 2024-01-01 .. 2024-12-31; as_of 2024-04-10 00:00 +07:00. */
static inline void build_periodic(danvan_dataset *ds, danvan_dataset *rs) {
  danvan_entity *root = danvan_dataset_root(ds), *rr = danvan_dataset_root(rs);
  E(root, "organisation", "u1", "kind=youth-union;name=Đơn vị 1");
  E(root, "organisation", "u2", "kind=youth-union;name=Đơn vị 2");
  danvan_entity *p = E(root, "plan", "p2", "start=2024-01-01;end=2024-12-31");
  danvan_entity *d = E(p, "duty", "d-m", "frequency=monthly;lag-days=5");
  E(d, "reporters", NULL, "orgs=u1 u2");
  d = E(p, "duty", "d-w", "frequency=weekly;start=2024-03-06;end=2024-03-20;lag-days=1");
  E(d, "reporters", NULL, "orgs=u1");
  d = E(p, "duty", "d-q", "frequency=quarterly;lag-days=10;due-time=17:00");
  E(d, "reporters", NULL, "orgs=u1");
  d = E(p, "duty", "d-h", "frequency=half-yearly");
  E(d, "reporters", NULL, "orgs=u1");
  d = E(p, "duty", "d-y", "frequency=yearly");
  E(d, "reporters", NULL, "orgs=u1");
  d = E(p, "duty", "d-o", "frequency=once;due-date=2024-12-29");
  E(d, "reporters", NULL, "orgs=u1");
  R(rr, "m-jan", "plan=p2;duty=d-m;org=u1;start=2024-01-01;end=2024-01-31;"
                 "submitted=2024-02-05T23:59:59+07:00", NULL);
  R(rr, "m-feb", "plan=p2;duty=d-m;org=u1;start=2024-02-01;end=2024-02-29;"
                 "submitted=2024-03-06T00:00:00+07:00", NULL);
  /* no covered period: the latest month that ended before 2 March is February */
  R(rr, "m-u2", "plan=p2;duty=d-m;org=u2;submitted=2024-03-02T09:00:00+07:00", NULL);
  R(rr, "q-1", "plan=p2;duty=d-q;org=u1;start=2024-01-01;end=2024-03-31;"
               "submitted=2024-04-10T00:00:00+07:00", NULL);
}

/* ======================================================================================== */
/* Quotas. Plan p3 2024-12-10 .. 2024-12-24, as_of 2024-12-25 00:00.
 * Organisations (parent): bcd (commune xa) > bt-a (hamlet ap-a) > chi-doan-a (ap-a);
 * bcd > bt-b (ap-b), bt-c (ap-c, tagged border), bchqs (xa); outsider (another commune). */
static inline void build_quotas(danvan_dataset *ds, danvan_dataset *rs) {
  danvan_entity *root = danvan_dataset_root(ds), *rr = danvan_dataset_root(rs);
  E(root, "metric", "road", "unit=m");
  E(root, "metric", "house", "unit=house");
  E(root, "metric", "ntm-work", "unit=work");
  E(root, "metric", "urban-work", "unit=work");
  E(root, "metric", "citizens", "unit=person");
  E(root, "metric", "soldiers", "unit=person");
  E(root, "metric", "pct", "unit=percent;aggregate=max");
  E(root, "locality", "xa", "kind=commune");
  E(root, "locality", "xa-khac", "kind=commune");
  E(root, "locality", "ap-a", "kind=hamlet;parent=xa");
  E(root, "locality", "ap-b", "kind=hamlet;parent=xa");
  E(root, "locality", "ap-c", "kind=hamlet;parent=xa;tags=border");
  E(root, "organisation", "bcd", "kind=steering-committee;locality=xa");
  E(root, "organisation", "bt-a", "kind=village-board;locality=ap-a;parent=bcd");
  E(root, "organisation", "chi-doan-a", "kind=youth-union;locality=ap-a;parent=bt-a");
  E(root, "organisation", "bt-b", "kind=village-board;locality=ap-b;parent=bcd");
  E(root, "organisation", "bt-c", "kind=village-board;locality=ap-c;parent=bcd");
  E(root, "organisation", "bchqs", "kind=military-command;locality=xa;parent=bcd");
  E(root, "organisation", "outsider", "kind=other;locality=xa-khac");
  danvan_entity *p = E(root, "plan", "p3", "start=2024-12-10;end=2024-12-24");
  danvan_entity *q;
  q = E(p, "quota", "q-road", "metric=road;min=1000;mode=each;weight=2");
  E(q, "scope", NULL, "kind=village-board;level=hamlet;under=bcd");
  q = E(p, "quota", "q-road-60", "metric=road;min=1000;mode=each;coverage=0.6");
  E(q, "scope", NULL, "kind=village-board;level=hamlet;under=bcd");
  q = E(p, "quota", "q-ntm", "min=2;metrics=ntm-work urban-work"); /* <any-of metrics=…/> */
  E(q, "scope", NULL, "kind=village-board;tags=border");
  q = E(p, "quota", "q-ratio", "numerator=citizens;denominator=soldiers;min=0.3333;mode=total");
  E(q, "scope", NULL, "orgs=bt-a bt-b");
  q = E(p, "quota", "q-ratio-each", "numerator=citizens;denominator=soldiers;min=0.3333");
  E(q, "scope", NULL, "orgs=bt-a bt-b");
  q = E(p, "quota", "q-house", "metric=house;min=2;max=3;mode=total");
  E(q, "scope", NULL, "orgs=bt-a bt-b bt-c");
  q = E(p, "quota", "q-pct", "metric=pct;min=80");
  E(q, "scope", NULL, "orgs=bt-a");
  q = E(p, "quota", "q-dup", "metric=road;min=1;mode=total");
  E(q, "scope", NULL, "orgs=bcd bt-a");

  R(rr, "ra1", "plan=p3;org=bt-a;start=2024-12-10;end=2024-12-10;submitted=2024-12-10T15:00:00+07:00", "road=600");
  R(rr, "ra2", "plan=p3;org=chi-doan-a;start=2024-12-11;end=2024-12-11;submitted=2024-12-11T15:00:00+07:00", "road=500");
  R(rr, "rb1", "plan=p3;org=bt-b;mode=cumulative;start=2024-12-10;end=2024-12-12;submitted=2024-12-12T15:00:00+07:00", "road=300");
  R(rr, "rb2", "plan=p3;org=bt-b;mode=cumulative;start=2024-12-10;end=2024-12-14;submitted=2024-12-14T15:00:00+07:00", "road=900");
  R(rr, "rb3", "plan=p3;org=bt-b;mode=increment;start=2024-12-15;end=2024-12-15;submitted=2024-12-15T15:00:00+07:00", "road=400");
  R(rr, "rb-draft", "plan=p3;org=bt-b;status=draft;start=2024-12-16;end=2024-12-16;submitted=2024-12-16T15:00:00+07:00", "road=5000");
  R(rr, "rq1", "plan=p3;org=bchqs;start=2024-12-12;end=2024-12-12;submitted=2024-12-12T15:00:00+07:00", "road=1200@ap-c");
  R(rr, "rn1", "plan=p3;org=bt-c;end=2024-12-13;submitted=2024-12-13T15:00:00+07:00;status=approved", "ntm-work=1,urban-work=1");
  R(rr, "rr1", "plan=p3;org=bt-a;end=2024-12-13;submitted=2024-12-13T15:00:00+07:00", "citizens=10,soldiers=30");
  R(rr, "rr2", "plan=p3;org=bt-b;end=2024-12-13;submitted=2024-12-13T15:00:00+07:00", "citizens=5,soldiers=20");
  R(rr, "rh1", "plan=p3;org=bt-a;end=2024-12-14;submitted=2024-12-14T15:00:00+07:00", "house=1");
  R(rr, "rh2", "plan=p3;org=bt-c;end=2024-12-14;submitted=2024-12-14T15:00:00+07:00", "house=1");
  R(rr, "rp1", "plan=p3;org=bt-a;end=2024-12-10;submitted=2024-12-10T15:00:00+07:00", "pct=70");
  R(rr, "rp2", "plan=p3;org=bt-a;end=2024-12-12;submitted=2024-12-12T15:00:00+07:00", "pct=85");
  R(rr, "rp3", "plan=p3;org=bt-a;end=2024-12-13;submitted=2024-12-13T15:00:00+07:00", "pct=60");
  R(rr, "ro", "plan=p3;org=outsider;end=2024-12-13;submitted=2024-12-13T15:00:00+07:00", "road=9999");
  /* a period after the quota period: not counted for achievement */
  R(rr, "r-jan", "plan=p3;org=bt-a;start=2025-01-05;end=2025-01-05;submitted=2024-12-20T15:00:00+07:00", "road=10000");
}

#endif

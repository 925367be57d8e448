/* Selectors: which organisations a quota scope or a duty's reporters name. */
#include <string.h>

#include "core/internal.h"

static bool has_token(const dvi_value *v, const char *tok) {
  if (!v || !tok) return false;
  for (uint32_t i = 0; i < v->nitems; i++)
    if (strcmp(v->items[i], tok) == 0) return true;
  return false;
}

static const danvan_entity *ref_of(const danvan_entity *e, int32_t field, int32_t kind) {
  const dvi_value *v = dvi_val(e, field);
  if (!v) return NULL;
  danvan_entity *t = dvi_find(dvi_ds_of(e), v->u.s);
  return (t && dvi_desc(t)->kind == kind) ? t : NULL;
}

/* Is `e` (organisation or locality) strictly below `anc` through parent links? Bounded so a
   cycle in the data cannot loop forever. */
static bool below(const danvan_entity *e, const danvan_entity *anc, int32_t kind) {
  size_t guard = dvi_ds_of(e)->nentities + 1;
  for (const danvan_entity *p = ref_of(e, DANVAN_F_PARENT, kind); p && guard--;
       p = ref_of(p, DANVAN_F_PARENT, kind))
    if (p == anc) return true;
  return false;
}

static bool valid_on(const danvan_entity *e, int32_t date) {
  if (!date) return true;
  const dvi_value *from = dvi_val(e, DANVAN_F_FROM), *to = dvi_val(e, DANVAN_F_TO);
  if (from && date < from->u.i) return false;
  if (to && date > to->u.i) return false;
  return true;
}

bool dvi_selector_matches(const danvan_entity *sel, const danvan_entity *org,
                          const danvan_entity *under, int32_t date) {
  const dvi_value *kind = dvi_val(sel, DANVAN_F_KIND), *level = dvi_val(sel, DANVAN_F_LEVEL);
  const dvi_value *tags = dvi_val(sel, DANVAN_F_TAGS), *orgs = dvi_val(sel, DANVAN_F_ORGS);
  const dvi_value *ok = dvi_val(org, DANVAN_F_KIND);
  const danvan_entity *loc = ref_of(org, DANVAN_F_LOCALITY, DANVAN_KIND_LOCALITY);
  if (!valid_on(org, date)) return false;
  if (kind && (!ok || !has_token(kind, ok->u.s))) return false;
  if (level) {
    const dvi_value *lk = loc ? dvi_val(loc, DANVAN_F_KIND) : NULL;
    if (!lk || !has_token(level, lk->u.s)) return false;
  }
  if (tags) {
    const dvi_value *ot = dvi_val(org, DANVAN_F_TAGS);
    const dvi_value *lt = loc ? dvi_val(loc, DANVAN_F_TAGS) : NULL;
    for (uint32_t i = 0; i < tags->nitems; i++)
      if (!has_token(ot, tags->items[i]) && !has_token(lt, tags->items[i])) return false;
  }
  if (orgs) {
    const dvi_value *id = dvi_val(org, DANVAN_F_ID);
    if (!id || !has_token(orgs, id->u.s)) return false;
  }
  if (under) {
    if (dvi_desc(under)->kind == DANVAN_KIND_ORGANISATION) {
      if (!below(org, under, DANVAN_KIND_ORGANISATION)) return false;
    } else {
      if (!loc || !(loc == under || below(loc, under, DANVAN_KIND_LOCALITY))) return false;
    }
  }
  return true;
}

int32_t danvan_selector_resolve(danvan_entity_list **out, const danvan_entity *selector,
                                int32_t date) {
  DVI_CHECK_ARG(out && selector);
  *out = NULL;
  const danvan_entity *sel = selector;
  if (dvi_desc(sel)->kind == DANVAN_KIND_QUOTA || dvi_desc(sel)->kind == DANVAN_KIND_DUTY) {
    const danvan_entity *first = dvi_kid_first(sel, DANVAN_KIND_SELECTOR);
    if (!first)
      return dvi_error(DANVAN_EINVAL, "this %s has no selector", dvi_desc(sel)->name);
    sel = first;
  }
  if (dvi_desc(sel)->kind != DANVAN_KIND_SELECTOR)
    return dvi_error(DANVAN_EINVAL, "a %s is not a selector", dvi_desc(sel)->name);
  bool any = false;
  for (size_t i = 0; i < dvi_desc(sel)->nfields; i++) any = any || dvi_has(sel, (int)i);
  if (!any) return dvi_error(DANVAN_EINVAL, "a selector needs at least one attribute");
  const danvan_entity *under = NULL;
  const dvi_value *uv = dvi_val(sel, DANVAN_F_UNDER);
  danvan_entity_list *l = dvi_calloc(1, sizeof *l);
  if (!l) return dvi_error(DANVAN_ENOMEM, "out of memory");
  l->ds = dvi_ds_of(sel);
  dvi_ds_ref(l->ds);
  if (uv) {
    under = dvi_find(l->ds, uv->u.s);
    if (!under || (dvi_desc(under)->kind != DANVAN_KIND_ORGANISATION &&
                   dvi_desc(under)->kind != DANVAN_KIND_LOCALITY)) {
      *out = l; /* an unknown ancestor matches nothing; the ref rule reports it */
      return DANVAN_OK;
    }
  }
  const dvi_hvec *orgs = dvi_top(l->ds, DANVAN_KIND_ORGANISATION);
  for (uint32_t i = 0; orgs && i < orgs->n; i++)
    if (dvi_selector_matches(sel, dvi_top_at(l->ds, orgs, i), under, date) &&
        dvi_list_push(l, dvi_top_at(l->ds, orgs, i))) {
      danvan_entity_list_free(l);
      return DANVAN_ENOMEM;
    }
  *out = l;
  return DANVAN_OK;
}

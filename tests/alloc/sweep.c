/*
 * Allocation-failure sweep: for each operation, make the 1st, 2nd, 3rd … allocation fail
 * until the operation runs without meeting a failure. Every failing run must return
 * DANVAN_ENOMEM (or an error the operation documents), never crash, and free everything
 * (run under ASan/LeakSanitizer or valgrind to check the last part).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

typedef int32_t (*op_fn)(void);

/* Build a small plan through the API, resolve a selector, read values back. */
static int32_t op_build(void) {
  danvan_dataset *ds = NULL;
  int32_t rc = danvan_dataset_new(&ds);
  if (rc) return rc;
  danvan_entity *root = danvan_dataset_root(ds), *e = NULL, *plan = NULL, *q = NULL, *s = NULL;
  char id[32];
  for (int i = 0; i < 40 && !rc; i++) {
    snprintf(id, sizeof id, "org-%d", i);
    rc = danvan_entity_add(&e, root, DANVAN_KIND_ORGANISATION, id);
    if (!rc) rc = danvan_entity_set(e, DANVAN_F_KIND, i % 2 ? "youth-union" : "military-command");
    if (!rc) rc = danvan_entity_set(e, DANVAN_F_TAGS, "border ethnic-minority");
    if (!rc && i) rc = danvan_entity_set(e, DANVAN_F_PARENT, "org-0");
  }
  if (!rc) rc = danvan_entity_add(&plan, root, DANVAN_KIND_PLAN, "p");
  if (!rc) rc = danvan_entity_set(plan, DANVAN_F_TITLE, "Phối hợp liên ngành làm công tác dân vận");
  if (!rc) rc = danvan_entity_set(plan, DANVAN_F_DATE, "2024-12");
  if (!rc) rc = danvan_entity_add(&q, plan, DANVAN_KIND_QUOTA, "q");
  if (!rc) rc = danvan_entity_add(&s, q, DANVAN_KIND_SELECTOR, NULL);
  if (!rc) rc = danvan_entity_set(s, DANVAN_F_KIND, "youth-union");
  if (!rc) rc = danvan_entity_set(s, DANVAN_F_UNDER, "org-0");
  danvan_entity_list *l = NULL;
  if (!rc) rc = danvan_selector_resolve(&l, q, 0);
  if (!rc && danvan_entity_list_count(l) != 20) rc = DANVAN_EINVAL;
  danvan_entity_list_free(l);
  char *text = NULL;
  if (!rc) rc = danvan_entity_format(&text, plan, DANVAN_F_DATE);
  danvan_free(text);
  if (!rc) rc = danvan_dataset_find(&e, ds, "org-7");
  if (!rc) rc = danvan_entity_remove(e);
  /* renaming with duplicates forces an index rebuild */
  if (!rc) rc = danvan_entity_add(&e, root, DANVAN_KIND_METRIC, "org-1");
  if (!rc) rc = danvan_entity_set(e, DANVAN_F_ID, "m-1");
  danvan_dataset_free(ds);
  return rc;
}

static int32_t op_values(void) {
  char *out = NULL;
  int32_t rc = danvan_decimal_format(&out, 3600000000LL, 0);
  danvan_free(out);
  if (!rc) rc = danvan_datetime_format(&out, 1733790600LL);
  danvan_free(out);
  if (!rc) rc = danvan_date_format(&out, 20241210);
  danvan_free(out);
  if (!rc) rc = danvan_time_format(&out, 810);
  danvan_free(out);
  return rc;
}

/* Normalisation and the Vietnamese value parsers. */
static int32_t op_text(void) {
  char *a = NULL;
  int32_t rc = danvan_text_match_key(&a, "**ĐẢNG UỶ** <b>xã</b> &amp; Tân\xc2\xa0Phong");
  danvan_free(a);
  a = NULL;
  if (!rc) rc = danvan_text_normalize(&a, "Ðảng uỷ");
  danvan_free(a);
  a = NULL;
  if (!rc) rc = danvan_text_strip_markup(&a, "*x* <p>y</p>");
  danvan_free(a);
  return rc;
}

static int32_t op_quantity(void) {
  danvan_vn_quantity *q = NULL;
  int32_t rc = danvan_vn_quantity_parse(&q, "9 tuyến đường/8.900m");
  danvan_vn_quantity_free(q);
  q = NULL;
  if (!rc) rc = danvan_vn_quantity_parse(&q, "99,9%");
  danvan_vn_quantity_free(q);
  return rc;
}

static int32_t op_docnum(void) {
  danvan_vn_docnum *d = NULL;
  int32_t rc = danvan_vn_docnum_parse(&d, "Số: 382 -KH/TĐTN-TCKT");
  danvan_vn_docnum_free(d);
  d = NULL;
  if (!rc) rc = danvan_vn_docnum_parse(&d, "30/2020/NĐ-CP");
  danvan_vn_docnum_free(d);
  return rc;
}

/* The text importer on a small plan with every kind of fact (import.h). */
static int32_t op_import(void) {
  static const char text[] =
      "Thứ năm - 12/12/2024 07:14\n"
      "ĐẢNG UỶ XÃ TÂN PHONG          ĐẢNG CỘNG SẢN VIỆT NAM\n"
      "BAN CHỈ ĐẠO          Tân Phong, ngày 04 tháng 12 năm 2024\n"
      "Số      -KH/BCĐ\n"
      "KẾ HOẠCH\n"
      "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024\n"
      "Thực hiện kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo huyện Tân Biên. Ban chỉ "
      "đạo xã Tân Phong xây dựng kế hoạch cụ thể như sau:\n"
      "I- MỤC ĐÍCH, YÊU CẦU\n"
      "Công tác dân vận phải thiết thực.\n"
      "II- NỘI DUNG\n"
      "Phát quang 2 tuyến đường/3.500m; Thắp sáng đường quê 01 tuyến/400m, cụ thể:\n"
      "- Ấp Cầu: Phát quang tuyến đường Lộ kiểm dài 3.000m; thắp sáng đường quê dài 400m, kinh phí 90 triệu đồng.\n"
      "- Ấp Mới: phát quang đường tổ 3 dài 500m.\n"
      "Xây dựng nhà đại đoàn kết: 3 căn trị giá 120 triệu đồng (ấp Cầu 02 căn, Mới 01 căn).\n"
      "Tặng quà: 25 phần quà, mỗi phần 500 000đ, trị giá 12.500 000đ.\n"
      "- 100% huyện, thị xã, thành phố:\n"
      "+ Có ít nhất 01 công trình nông thôn mới hoặc đô thị văn minh.\n"
      "+ Khám bệnh ít nhất từ 300 - 500 suất.\n"
      "Bảo đảm đối ứng “01 người dân với 03 chiến sĩ LLVT”. Lực lượng 8/8 ấp: tham gia công tác dân vận.\n"
      "III- THỜI GIAN\n"
      "- Thời gian 15 ngày (từ ngày 10/12 - 24/12/2024).\n"
      "- Lễ ra quân lúc 07 giờ 30 phút, ngày 10/12/2024.\n"
      "- Tổ chức làm điểm ra quân: ấp Cầu.\n"
      "V- THÀNH VIÊN\n"
      "1- Đồng chí Trương Thị Kim Xanh - Phó bí thư Đảng uỷ - Trưởng Ban Chỉ đạo, phụ trách ấp Cầu.\n"
      "VI- TỔ CHỨC THỰC HIỆN\n"
      "1- Báo cáo hàng ngày (kể cả Thứ bảy và Chủ nhật) từ 13h30 đến 15h00 về Ban Chỉ đạo xã (qua Ban CHQS xã), "
      "Email: bcd@example.vn.\n"
      "2- Giao Ban Chỉ huy Quân sự xã phối hợp với Công an xã thực hiện Phát quang tuyến đường Lộ kiểm.\n"
      "3- Báo cáo bằng văn bản về Ban Chỉ đạo trước ngày 29/12/2024.\n"
      "Nơi nhận:              PHÓ BÍ THƯ ĐẢNG ỦY\n"
      "- Ban Dân vận Huyện ủy (b/c),\n"
      "- Lưu Ban Chỉ đạo.\n"
      "Trương Thị Kim Xanh\n"
      "Tác giả: Thanh\n";
  danvan_dataset *ds = NULL;
  int32_t rc = danvan_dataset_new(&ds);
  if (rc) return rc;
  danvan_import_result *r = NULL;
  rc = danvan_import_text_result(&r, ds, text, sizeof text - 1, "sweep.txt", NULL);
  if (!rc && danvan_dataset_count(ds, DANVAN_KIND_PLAN) != 1) rc = DANVAN_EINVAL;
  danvan_import_result_free(r);
  danvan_dataset_free(ds);
  return rc;
}

static const struct {
  const char *name;
  op_fn fn;
} ops[] = {
    {"build", op_build},     {"values", op_values},   {"text", op_text},
    {"quantity", op_quantity}, {"docnum", op_docnum}, {"import", op_import},
};

int main(void) {
  int failures = 0, failed_ops = 0;
  for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
    long n;
    int before = failures;
    for (n = 1; n < 1000000; n++) {
      dvi_alloc_fail_countdown = n;
      int32_t rc = ops[k].fn();
      bool injected = dvi_alloc_fail_countdown == 0;
      dvi_alloc_fail_countdown = 0;
      if (!injected) {
        if (rc != DANVAN_OK) {
          fprintf(stderr, "%s: failed without an injected failure: %s\n", ops[k].name,
                  danvan_error_message());
          failures++;
        }
        break;
      }
      if (rc != DANVAN_ENOMEM) {
        fprintf(stderr, "%s: allocation %ld failed but the operation returned %s (%s)\n",
                ops[k].name, n, danvan_status_name(rc), danvan_error_message());
        failures++;
      }
    }
    printf("%s: swept %ld allocations\n", ops[k].name, n - 1);
    if (failures > before) failed_ops++;
  }
  printf("%d passed, %d failed\n", (int)(sizeof ops / sizeof *ops) - failed_ops, failed_ops);
  return failures ? 1 : 0;
}

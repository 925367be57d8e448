"""Loading libdanvan and declaring the C signatures the binding uses.

Everything that touches ctypes directly lives here: where the shared library is looked for,
the one table of C signatures (grouped by public header), and the check that the library
loaded is the major version this package was written for.

A function of the table that the loaded library does not export (an older build) does not
break the import: the Python feature that needs it raises
:class:`danvan.errors.FeatureUnavailableError` (a :class:`NotImplementedError`) when used.
A feature whose C function is not yet in the table (a header that landed after this binding
was written) raises the same error.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from ctypes import (POINTER, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint32, c_uint64,
                    c_void_p)
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

#: The major version of libdanvan this package is written for.
EXPECTED_MAJOR = 0

#: The environment variable that names the shared library to load (a path).
LIBRARY_ENV = "DANVAN_LIBRARY"

_P_I32 = POINTER(c_int32)
_P_I64 = POINTER(c_int64)
_P_VOIDP = POINTER(c_void_p)  # danvan_dataset **, danvan_entity **, char ** …
_P_CCHARP = POINTER(c_char_p)  # const char ** (borrowed strings, copied by ctypes)
_P_SIZE = POINTER(c_size_t)
_P_U32 = POINTER(c_uint32)

# One row per C function: name -> (restype, argtypes, header).
# Handles are c_void_p; strings the library owns are c_char_p (ctypes copies them at once);
# strings the caller must release come back through char ** as c_void_p (see take_string()).
Signature = Tuple[Any, Sequence[Any], str]
SIGNATURES: Dict[str, Signature] = {
    # common.h
    "danvan_free": (None, [c_void_p], "common.h"),
    "danvan_status_name": (c_char_p, [c_int32], "common.h"),
    "danvan_version_major": (c_int32, [], "common.h"),
    "danvan_version_minor": (c_int32, [], "common.h"),
    "danvan_version_patch": (c_int32, [], "common.h"),
    "danvan_version_string": (c_char_p, [], "common.h"),
    # error.h
    "danvan_error_code": (c_int32, [], "error.h"),
    "danvan_error_message": (c_char_p, [], "error.h"),
    "danvan_error_file": (c_char_p, [], "error.h"),
    "danvan_error_line": (c_uint32, [], "error.h"),
    "danvan_error_column": (c_uint32, [], "error.h"),
    "danvan_error_offset": (c_int64, [], "error.h"),
    "danvan_error_clear": (None, [], "error.h"),
    # values.h
    "danvan_decimal_parse": (c_int32, [_P_I64, _P_I32, c_char_p], "values.h"),
    "danvan_decimal_format": (c_int32, [_P_VOIDP, c_int64, c_int32], "values.h"),
    "danvan_decimal_add": (c_int32, [_P_I64, _P_I32, c_int64, c_int32, c_int64, c_int32],
                           "values.h"),
    "danvan_decimal_mul": (c_int32, [_P_I64, _P_I32, c_int64, c_int32, c_int64, c_int32],
                           "values.h"),
    "danvan_decimal_compare": (c_int32, [_P_I32, c_int64, c_int32, c_int64, c_int32], "values.h"),
    "danvan_date_parse": (c_int32, [_P_I32, c_char_p], "values.h"),
    "danvan_date_format": (c_int32, [_P_VOIDP, c_int32], "values.h"),
    "danvan_date_from_ymd": (c_int32, [_P_I32, c_int32, c_int32, c_int32], "values.h"),
    "danvan_date_add_days": (c_int32, [_P_I32, c_int32, c_int32], "values.h"),
    "danvan_date_diff_days": (c_int32, [_P_I32, c_int32, c_int32], "values.h"),
    "danvan_date_weekday": (c_int32, [_P_I32, c_int32], "values.h"),
    "danvan_datetime_parse": (c_int32, [_P_I64, c_char_p], "values.h"),
    "danvan_datetime_format": (c_int32, [_P_VOIDP, c_int64], "values.h"),
    "danvan_datetime_from_parts": (c_int32, [_P_I64, c_int32, c_int32], "values.h"),
    "danvan_datetime_to_parts": (c_int32, [_P_I32, _P_I32, c_int64], "values.h"),
    "danvan_time_parse": (c_int32, [_P_I32, c_char_p], "values.h"),
    "danvan_time_format": (c_int32, [_P_VOIDP, c_int32], "values.h"),
    # model.h
    "danvan_kind_name": (c_char_p, [c_int32], "model.h"),
    "danvan_kind_lookup": (c_int32, [_P_I32, c_char_p], "model.h"),
    "danvan_field_name": (c_char_p, [c_int32], "model.h"),
    "danvan_field_lookup": (c_int32, [_P_I32, c_char_p], "model.h"),
    "danvan_kind_field_count": (c_size_t, [c_int32], "model.h"),
    "danvan_kind_field": (c_int32, [c_int32, c_size_t], "model.h"),
    "danvan_kind_field_type": (c_int32, [c_int32, c_int32], "model.h"),
    "danvan_kind_field_is_partial_date": (c_int32, [c_int32, c_int32], "model.h"),
    "danvan_kind_field_target": (c_int32, [c_int32, c_int32], "model.h"),
    "danvan_kind_field_enum": (c_char_p, [c_int32, c_int32, c_size_t], "model.h"),
    "danvan_kind_child_kind_count": (c_size_t, [c_int32], "model.h"),
    "danvan_kind_child_kind": (c_int32, [c_int32, c_size_t], "model.h"),
    # dataset.h
    "danvan_dataset_new": (c_int32, [_P_VOIDP], "dataset.h"),
    "danvan_dataset_free": (None, [c_void_p], "dataset.h"),
    "danvan_dataset_root": (c_void_p, [c_void_p], "dataset.h"),
    "danvan_dataset_count": (c_size_t, [c_void_p, c_int32], "dataset.h"),
    "danvan_dataset_get": (c_void_p, [c_void_p, c_int32, c_size_t], "dataset.h"),
    "danvan_dataset_find": (c_int32, [_P_VOIDP, c_void_p, c_char_p], "dataset.h"),
    "danvan_dataset_entity_count": (c_size_t, [c_void_p], "dataset.h"),
    "danvan_entity_add": (c_int32, [_P_VOIDP, c_void_p, c_int32, c_char_p], "dataset.h"),
    "danvan_entity_remove": (c_int32, [c_void_p], "dataset.h"),
    "danvan_entity_kind": (c_int32, [c_void_p], "dataset.h"),
    "danvan_entity_dataset": (c_void_p, [c_void_p], "dataset.h"),
    "danvan_entity_parent": (c_void_p, [c_void_p], "dataset.h"),
    "danvan_entity_id": (c_char_p, [c_void_p], "dataset.h"),
    "danvan_entity_child_count": (c_size_t, [c_void_p, c_int32], "dataset.h"),
    "danvan_entity_child": (c_void_p, [c_void_p, c_int32, c_size_t], "dataset.h"),
    "danvan_entity_file": (c_char_p, [c_void_p], "dataset.h"),
    "danvan_entity_line": (c_uint32, [c_void_p], "dataset.h"),
    "danvan_entity_column": (c_uint32, [c_void_p], "dataset.h"),
    "danvan_entity_has": (c_int32, [c_void_p, c_int32], "dataset.h"),
    "danvan_entity_set": (c_int32, [c_void_p, c_int32, c_char_p], "dataset.h"),
    "danvan_entity_unset": (c_int32, [c_void_p, c_int32], "dataset.h"),
    "danvan_entity_get_string": (c_int32, [_P_CCHARP, c_void_p, c_int32], "dataset.h"),
    "danvan_entity_format": (c_int32, [_P_VOIDP, c_void_p, c_int32], "dataset.h"),
    "danvan_entity_get_int": (c_int32, [_P_I64, c_void_p, c_int32], "dataset.h"),
    "danvan_entity_set_int": (c_int32, [c_void_p, c_int32, c_int64], "dataset.h"),
    "danvan_entity_get_decimal": (c_int32, [_P_I64, _P_I32, c_void_p, c_int32], "dataset.h"),
    "danvan_entity_set_decimal": (c_int32, [c_void_p, c_int32, c_int64, c_int32], "dataset.h"),
    "danvan_entity_get_time": (c_int32, [_P_I64, c_void_p, c_int32], "dataset.h"),
    "danvan_entity_set_time": (c_int32, [c_void_p, c_int32, c_int64], "dataset.h"),
    "danvan_entity_item_count": (c_size_t, [c_void_p, c_int32], "dataset.h"),
    "danvan_entity_item": (c_char_p, [c_void_p, c_int32, c_size_t], "dataset.h"),
    "danvan_entity_resolve": (c_int32, [_P_VOIDP, c_void_p, c_int32, c_size_t], "dataset.h"),
    "danvan_selector_resolve": (c_int32, [_P_VOIDP, c_void_p, c_int32], "dataset.h"),
    "danvan_entity_list_count": (c_size_t, [c_void_p], "dataset.h"),
    "danvan_entity_list_get": (c_void_p, [c_void_p, c_size_t], "dataset.h"),
    "danvan_entity_list_free": (None, [c_void_p], "dataset.h"),
    # xml.h
    "danvan_xml_options_new": (c_int32, [_P_VOIDP], "xml.h"),
    "danvan_xml_options_free": (None, [c_void_p], "xml.h"),
    "danvan_xml_options_set_max_depth": (c_int32, [c_void_p, c_uint32], "xml.h"),
    "danvan_xml_options_set_max_text": (c_int32, [c_void_p, c_uint64], "xml.h"),
    "danvan_xml_options_set_max_input": (c_int32, [c_void_p, c_uint64], "xml.h"),
    "danvan_dataset_load": (c_int32, [_P_VOIDP, c_char_p, c_void_p], "xml.h"),
    "danvan_dataset_load_fd": (c_int32, [_P_VOIDP, c_int, c_char_p, c_void_p], "xml.h"),
    "danvan_dataset_load_memory": (c_int32, [_P_VOIDP, c_char_p, c_size_t, c_char_p, c_void_p],
                                   "xml.h"),
    "danvan_dataset_merge": (c_int32, [c_void_p, c_char_p, c_void_p], "xml.h"),
    "danvan_dataset_merge_fd": (c_int32, [c_void_p, c_int, c_char_p, c_void_p], "xml.h"),
    "danvan_dataset_merge_memory": (c_int32, [c_void_p, c_char_p, c_size_t, c_char_p, c_void_p],
                                    "xml.h"),
    "danvan_dataset_save": (c_int32, [c_void_p, c_char_p], "xml.h"),
    "danvan_dataset_save_fd": (c_int32, [c_void_p, c_int], "xml.h"),
    "danvan_dataset_to_xml": (c_int32, [_P_VOIDP, POINTER(c_size_t), c_void_p], "xml.h"),
    "danvan_schema_path": (c_char_p, [], "xml.h"),
    "danvan_schema_text": (c_int32, [_P_VOIDP], "xml.h"),
    # validate.h
    "danvan_validate_options_new": (c_int32, [_P_VOIDP], "validate.h"),
    "danvan_validate_options_free": (None, [c_void_p], "validate.h"),
    "danvan_validate_options_set_language": (c_int32, [c_void_p, c_char_p], "validate.h"),
    "danvan_validate_options_set_max_findings": (c_int32, [c_void_p, c_size_t], "validate.h"),
    "danvan_validate_options_set_as_of": (c_int32, [c_void_p, c_int32], "validate.h"),
    "danvan_validate_options_set_schema": (c_int32, [c_void_p, c_int32], "validate.h"),
    "danvan_validate_options_set_rule": (c_int32, [c_void_p, c_char_p, c_int32], "validate.h"),
    "danvan_validate": (c_int32, [_P_VOIDP, c_void_p, c_void_p], "validate.h"),
    "danvan_validate_file": (c_int32, [_P_VOIDP, c_char_p, c_void_p], "validate.h"),
    "danvan_validate_files": (c_int32, [_P_VOIDP, _P_CCHARP, c_size_t, c_void_p], "validate.h"),
    "danvan_diagnostics_free": (None, [c_void_p], "validate.h"),
    "danvan_diagnostics_count": (c_size_t, [c_void_p], "validate.h"),
    "danvan_diagnostics_total": (c_size_t, [c_void_p], "validate.h"),
    "danvan_diagnostics_severity_total": (c_size_t, [c_void_p, c_int32], "validate.h"),
    "danvan_diagnostics_rule": (c_char_p, [c_void_p, c_size_t], "validate.h"),
    "danvan_diagnostics_severity": (c_int32, [c_void_p, c_size_t], "validate.h"),
    "danvan_diagnostics_file": (c_char_p, [c_void_p, c_size_t], "validate.h"),
    "danvan_diagnostics_line": (c_uint32, [c_void_p, c_size_t], "validate.h"),
    "danvan_diagnostics_column": (c_uint32, [c_void_p, c_size_t], "validate.h"),
    "danvan_diagnostics_path": (c_char_p, [c_void_p, c_size_t], "validate.h"),
    "danvan_diagnostics_message": (c_char_p, [c_void_p, c_size_t], "validate.h"),
    "danvan_diagnostics_language": (c_char_p, [c_void_p], "validate.h"),
    "danvan_diagnostics_to_xml": (c_int32, [_P_VOIDP, c_void_p], "validate.h"),
    "danvan_severity_name": (c_char_p, [c_int32, c_char_p], "validate.h"),
    "danvan_rule_count": (c_size_t, [], "validate.h"),
    "danvan_rule_id": (c_char_p, [c_size_t], "validate.h"),
    "danvan_rule_severity": (c_int32, [c_size_t], "validate.h"),
    "danvan_rule_summary": (c_char_p, [c_size_t, c_char_p], "validate.h"),
    # evaluate.h
    "danvan_evaluate_options_new": (c_int32, [_P_VOIDP], "evaluate.h"),
    "danvan_evaluate_options_free": (None, [c_void_p], "evaluate.h"),
    "danvan_evaluate_options_set_deadline_inclusive": (c_int32, [c_void_p, c_int32],
                                                       "evaluate.h"),
    "danvan_evaluate_options_set_locality_credit": (c_int32, [c_void_p, c_int32], "evaluate.h"),
    "danvan_evaluate_options_set_score_weights": (c_int32, [c_void_p, c_int32, c_int32],
                                                  "evaluate.h"),
    "danvan_evaluate": (c_int32, [_P_VOIDP, c_void_p, c_char_p, c_int64, c_void_p], "evaluate.h"),
    "danvan_evaluation_begin": (c_int32, [_P_VOIDP, c_void_p, c_char_p, c_int64, c_void_p],
                                "evaluate.h"),
    "danvan_evaluation_add_report": (c_int32, [c_void_p, c_void_p], "evaluate.h"),
    "danvan_evaluation_add_reports": (c_int32, [c_void_p, c_void_p], "evaluate.h"),
    "danvan_evaluation_add_report_file": (c_int32, [c_void_p, c_char_p, c_void_p], "evaluate.h"),
    "danvan_evaluation_finish": (c_int32, [c_void_p], "evaluate.h"),
    "danvan_evaluation_free": (None, [c_void_p], "evaluate.h"),
    "danvan_evaluation_plan_id": (c_char_p, [c_void_p], "evaluate.h"),
    "danvan_evaluation_as_of": (c_int64, [c_void_p], "evaluate.h"),
    "danvan_evaluation_tally": (c_int32, [_P_I64, c_void_p, c_int32], "evaluate.h"),
    "danvan_evaluation_label": (c_char_p, [c_void_p, c_char_p], "evaluate.h"),
    "danvan_evaluation_table_name": (c_char_p, [c_int32], "evaluate.h"),
    "danvan_evaluation_row_count": (c_size_t, [c_void_p, c_int32], "evaluate.h"),
    "danvan_evaluation_column_count": (c_size_t, [c_int32], "evaluate.h"),
    "danvan_evaluation_column": (c_int32, [c_int32, c_size_t], "evaluate.h"),
    "danvan_evaluation_column_name": (c_char_p, [c_int32], "evaluate.h"),
    "danvan_evaluation_column_type": (c_int32, [c_int32, c_int32], "evaluate.h"),
    "danvan_slot_status_name": (c_char_p, [c_int32], "evaluate.h"),
    "danvan_evaluation_get_string": (c_int32, [_P_CCHARP, c_void_p, c_int32, c_int32, c_size_t],
                                     "evaluate.h"),
    "danvan_evaluation_get_int": (c_int32, [_P_I64, c_void_p, c_int32, c_int32, c_size_t],
                                  "evaluate.h"),
    "danvan_evaluation_get_decimal": (c_int32, [_P_I64, _P_I32, c_void_p, c_int32, c_int32,
                                                c_size_t], "evaluate.h"),
    "danvan_evaluation_get_double": (c_int32, [POINTER(c_double), c_void_p, c_int32, c_int32,
                                               c_size_t], "evaluate.h"),
    "danvan_evaluation_format": (c_int32, [_P_VOIDP, c_void_p, c_int32, c_int32, c_size_t],
                                 "evaluate.h"),
    "danvan_evaluation_fill_int64": (c_int32, [_P_I64, c_size_t, c_void_p, c_int32, c_int32,
                                               c_size_t], "evaluate.h"),
    "danvan_evaluation_fill_int32": (c_int32, [_P_I32, c_size_t, c_void_p, c_int32, c_int32,
                                               c_size_t], "evaluate.h"),
    "danvan_evaluation_fill_double": (c_int32, [POINTER(c_double), c_size_t, c_void_p, c_int32,
                                                c_int32, c_size_t], "evaluate.h"),
    "danvan_evaluation_fill_string": (c_int32, [_P_CCHARP, c_size_t, c_void_p, c_int32, c_int32,
                                                c_size_t], "evaluate.h"),
    "danvan_evaluation_to_xml": (c_int32, [_P_VOIDP, POINTER(c_size_t), c_void_p], "evaluate.h"),
    "danvan_evaluation_to_csv": (c_int32, [_P_VOIDP, POINTER(c_size_t), c_void_p, c_int32],
                                 "evaluate.h"),
    "danvan_evaluation_to_text": (c_int32, [_P_VOIDP, POINTER(c_size_t), c_void_p], "evaluate.h"),
    "danvan_evaluation_to_html": (c_int32, [_P_VOIDP, POINTER(c_size_t), c_void_p], "evaluate.h"),
    "danvan_evaluation_to_xlsx": (c_int32, [c_void_p, c_char_p], "evaluate.h"),
    # vn.h
    "danvan_text_normalize": (c_int32, [_P_VOIDP, c_char_p], "vn.h"),
    "danvan_text_match_key": (c_int32, [_P_VOIDP, c_char_p], "vn.h"),
    "danvan_text_strip_markup": (c_int32, [_P_VOIDP, c_char_p], "vn.h"),
    "danvan_vn_number_parse": (c_int32, [_P_I64, _P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_number_parse_ext": (c_int32, [_P_I64, _P_I32, _P_U32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_money_parse": (c_int32, [_P_I64, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_money_parse_ext": (c_int32, [_P_I64, _P_I32, _P_U32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_quantity_parse": (c_int32, [_P_VOIDP, c_char_p], "vn.h"),
    "danvan_vn_quantity_free": (None, [c_void_p], "vn.h"),
    "danvan_vn_quantity_bound": (c_int32, [c_void_p], "vn.h"),
    "danvan_vn_quantity_has_min": (c_int32, [c_void_p], "vn.h"),
    "danvan_vn_quantity_has_max": (c_int32, [c_void_p], "vn.h"),
    "danvan_vn_quantity_min": (c_int32, [_P_I64, _P_I32, c_void_p], "vn.h"),
    "danvan_vn_quantity_max": (c_int32, [_P_I64, _P_I32, c_void_p], "vn.h"),
    "danvan_vn_quantity_total": (c_int32, [_P_I64, _P_I32, c_void_p], "vn.h"),
    "danvan_vn_quantity_unit": (c_char_p, [c_void_p], "vn.h"),
    "danvan_vn_quantity_unit_range": (c_int32, [_P_SIZE, _P_SIZE, c_void_p], "vn.h"),
    "danvan_vn_quantity_second": (c_int32, [_P_I64, _P_I32, c_void_p], "vn.h"),
    "danvan_vn_quantity_second_unit": (c_char_p, [c_void_p], "vn.h"),
    "danvan_vn_quantity_flags": (c_uint32, [c_void_p], "vn.h"),
    "danvan_vn_quantity_consumed": (c_size_t, [c_void_p], "vn.h"),
    "danvan_vn_date_parse": (c_int32, [_P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_date_range_parse": (c_int32, [_P_I32, _P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_time_parse": (c_int32, [_P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_time_range_parse": (c_int32, [_P_I32, _P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_deadline_parse": (c_int32, [_P_I32, _P_I32, _P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_roman_parse": (c_int32, [_P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_phase_parse": (c_int32, [_P_I32, _P_I32, _P_I32, _P_SIZE, c_char_p], "vn.h"),
    "danvan_vn_docnum_parse": (c_int32, [_P_VOIDP, c_char_p], "vn.h"),
    "danvan_vn_docnum_free": (None, [c_void_p], "vn.h"),
    "danvan_vn_docnum_number": (c_char_p, [c_void_p], "vn.h"),
    "danvan_vn_docnum_type": (c_char_p, [c_void_p], "vn.h"),
    "danvan_vn_docnum_issuer": (c_char_p, [c_void_p], "vn.h"),
    "danvan_vn_docnum_symbol": (c_char_p, [c_void_p], "vn.h"),
    "danvan_vn_docnum_text": (c_char_p, [c_void_p], "vn.h"),
    "danvan_vn_docnum_year": (c_int32, [c_void_p], "vn.h"),
    "danvan_vn_docnum_style": (c_int32, [c_void_p], "vn.h"),
    "danvan_vn_docnum_consumed": (c_size_t, [c_void_p], "vn.h"),
    # import.h
    "danvan_import_options_new": (c_int32, [_P_VOIDP], "import.h"),
    "danvan_import_options_free": (None, [c_void_p], "import.h"),
    "danvan_import_options_set_id": (c_int32, [c_void_p, c_char_p], "import.h"),
    "danvan_import_options_set_report_chrome": (c_int32, [c_void_p, c_int32], "import.h"),
    "danvan_import_text": (c_int32, [_P_VOIDP, c_void_p, c_char_p, c_size_t, c_char_p,
                                     c_void_p], "import.h"),
    "danvan_import_file": (c_int32, [_P_VOIDP, c_void_p, c_char_p, c_void_p], "import.h"),
    "danvan_import_text_result": (c_int32, [_P_VOIDP, c_void_p, c_char_p, c_size_t, c_char_p,
                                            c_void_p], "import.h"),
    "danvan_import_file_result": (c_int32, [_P_VOIDP, c_void_p, c_char_p, c_void_p],
                                  "import.h"),
    "danvan_import_result_free": (None, [c_void_p], "import.h"),
    "danvan_import_result_entity": (c_void_p, [c_void_p], "import.h"),
    "danvan_import_result_count": (c_size_t, [c_void_p], "import.h"),
    "danvan_import_result_line": (c_uint32, [c_void_p, c_size_t], "import.h"),
    "danvan_import_result_severity": (c_int32, [c_void_p, c_size_t], "import.h"),
    "danvan_import_result_rule": (c_char_p, [c_void_p, c_size_t], "import.h"),
    "danvan_import_result_message": (c_char_p, [c_void_p, c_size_t], "import.h"),
}

#: C functions that later headers will add, with the header each belongs to. They are not in
#: SIGNATURES until their binding is written; until then the Python feature raises
#: FeatureUnavailableError naming the header it waits for.
PENDING: Dict[str, str] = {}


def _candidates() -> List[str]:
    """Where to look for the shared library, in order."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        if os.sep in env:
            env = os.path.abspath(env)  # a relative path keeps meaning after a chdir
        return [env]  # an explicit choice is never silently replaced by another library
    found = []
    name = ctypes.util.find_library("danvan")
    if name:
        found.append(name)
    found.append("libdanvan.so.0")
    if sys.platform == "darwin":
        found.append("libdanvan.0.dylib")
    return found


def _open() -> Tuple[ctypes.CDLL, str]:
    errors = []
    for cand in _candidates():
        try:
            return ctypes.CDLL(cand), cand
        except OSError as exc:
            errors.append(f"{cand}: {exc}")
    where = "; ".join(errors)
    raise ImportError(
        "danvan: cannot load the libdanvan shared library "
        f"({where}). Install libdanvan, or set {LIBRARY_ENV} to the path of libdanvan.so.0 "
        "(for a build tree: build/libdanvan.so.0).")


class _Functions:
    """The C functions, as attributes named like the C symbols.

    A name the table declares but the library does not export, or a name the table does not
    declare, raises FeatureUnavailableError on access (never at import).
    """

    def __init__(self, dll: ctypes.CDLL, path: str) -> None:
        self._dll = dll
        self._path = path
        self._missing: Dict[str, str] = {}
        for name, (restype, argtypes, header) in SIGNATURES.items():
            try:
                fn = getattr(dll, name)
            except AttributeError:
                self._missing[name] = header
                continue
            fn.restype = restype
            fn.argtypes = list(argtypes)
            setattr(self, name, fn)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)
        raise unavailable(name)

    def has(self, name: str) -> bool:
        """Whether the C function is bound and exported by the loaded library."""
        return name in self.__dict__


def unavailable(symbol: str, feature: Optional[str] = None) -> Exception:
    """The FeatureUnavailableError for a C function that cannot be called."""
    from .errors import FeatureUnavailableError

    what = f"{feature} needs {symbol}" if feature else f"{symbol} is needed"
    if symbol in SIGNATURES:
        header = SIGNATURES[symbol][2]
        msg = (f"{what} (include/danvan/{header}), which the loaded libdanvan "
               f"{version_string()} at {path()} does not export; build a newer libdanvan "
               f"and point {LIBRARY_ENV} at it")
    else:
        header = PENDING.get(symbol)
        part = ""
        if header:
            part = f" (include/danvan/{header})" if header.endswith(".h") else f" ({header})"
        msg = (f"{what}{part}, which this version of the Python binding does not bind yet "
               f"(the C API it needs has not landed)")
    return FeatureUnavailableError(msg)


def require(symbol: str, feature: Optional[str] = None) -> Callable[..., Any]:
    """The C function `symbol`, or FeatureUnavailableError naming `feature`."""
    fn = C.__dict__.get(symbol)
    if fn is None:
        raise unavailable(symbol, feature)
    return fn


def _check_version(fns: _Functions, where: str) -> None:
    if not fns.has("danvan_version_major"):
        raise ImportError(f"danvan: {where} is not libdanvan (no danvan_version_major)")
    major = fns.danvan_version_major()
    if major != EXPECTED_MAJOR:
        raise ImportError(
            f"danvan: the libdanvan loaded from {where} has major version {major}, but this "
            f"Python package needs major version {EXPECTED_MAJOR}; install a matching "
            f"libdanvan or set {LIBRARY_ENV}")


_dll, _path = _open()
#: The bound C functions.
C = _Functions(_dll, _path)
_check_version(C, _path)


def path() -> str:
    """The name or path the shared library was loaded from."""
    return _path


def version_string() -> str:
    """The version of the loaded library, "MAJOR.MINOR.PATCH"."""
    if C.has("danvan_version_string"):
        return (C.danvan_version_string() or b"").decode()
    return f"{C.danvan_version_major()}.?.?"


def missing() -> Dict[str, str]:
    """C functions the table declares that the loaded library lacks: name -> header."""
    return dict(C._missing)


def encode(text: str, what: str = "text") -> bytes:
    """UTF-8 bytes for a C string argument; rejects NUL characters."""
    if not isinstance(text, str):
        from .errors import FieldTypeError

        raise FieldTypeError(f"{what} must be a str, not {type(text).__name__}")
    if "\0" in text:
        from .errors import InvalidArgumentError

        raise InvalidArgumentError(f"{what} contains a NUL character")
    return text.encode("utf-8")


def decode(raw: Optional[bytes]) -> Optional[str]:
    """A Python str from a C string (None stays None)."""
    return None if raw is None else raw.decode("utf-8")


def take_string(ptr: c_void_p) -> Optional[str]:
    """Copy a string the library allocated for the caller, then release it."""
    if not ptr.value:
        return None
    try:
        return ctypes.string_at(ptr.value).decode("utf-8")
    finally:
        C.danvan_free(ptr.value)

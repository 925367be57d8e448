#!/usr/bin/env python3
"""Write schema/danvan-1.xsd from the kind table in lib/core/kinds.c.

    python3 tools/gen-danvan-xsd.py            # rewrite schema/danvan-1.xsd
    python3 tools/gen-danvan-xsd.py --check    # exit 1 when the file is out of date

The table gives every element, its attributes in canonical order and its children in
canonical order; this script adds what the table does not say: which attributes are
required, how many selectors a quota or duty holds, the value types as XSD patterns, the
evaluation vocabulary of FORMAT.md and one line of documentation per element.
Python 3 standard library only.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import danvan_kinds  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "schema", "danvan-1.xsd")

# Attributes that must be present (the table itself has no notion of "required").
REQUIRED = {
    "METRIC": {"id"}, "LOCALITY": {"id"}, "PERSON": {"id"}, "ORGANISATION": {"id"},
    "PLAN": {"id"}, "TASK": {"id"}, "TOTAL": {"id"}, "QUOTA": {"id"}, "DUTY": {"id", "frequency"},
    "EVENT": {"id"}, "REPORT": {"id"},
    "MEMBER": {"person"}, "AREA": {"locality"}, "ISSUER": {"org"},
    "MEASURE": {"metric", "value"}, "VALUE": {"metric"},
}
# Child slots that hold at most one element (all others: any number).
SINGLE = {("QUOTA", "scope"), ("DUTY", "reporters")}

# Type of each field type of the table (ENUM and partial DATE handled apart).
TYPES = {
    "STRING": "xs:string", "ID": "dv:ID", "REF": "dv:REF", "REFS": "dv:REFS",
    "TOKENS": "dv:TOKENS", "DATE": "dv:Date", "DATETIME": "dv:DateTime", "TIME": "dv:Time",
    "DECIMAL": "dv:Decimal", "INT": "dv:Int", "BOOL": "dv:Bool",
}
ENUM_TYPES = {
    "E_AGGREGATE": "Aggregate", "E_ROLE": "Role", "E_STYLE": "NumberStyle",
    "E_CATEGORY": "Category", "E_QMODE": "QuotaMode", "E_FREQ": "Frequency",
    "E_PURPOSE": "Purpose", "E_AUTHORITY": "Authority", "E_RMODE": "ReportMode",
    "E_STATUS": "ReportStatus",
}

DOC = {
    "danvan": "Root of a dataset: metrics, localities, people, organisations, plans, reports "
              "(and evaluation output), in this order.",
    "metrics": "Container of the metrics.", "localities": "Container of the localities.",
    "people": "Container of the people.", "organisations": "Container of the organisations.",
    "metric": "What is counted (m of road, houses, gifts …), its unit and plausible VND cost per unit.",
    "locality": "An area (province, district, commune, hamlet …) with its parent and validity.",
    "person": "A person named in a document.",
    "organisation": "A body (steering committee, union, military command, hamlet board …).",
    "member": "A member of an organisation: person, role, position.",
    "area": "A locality a member is responsible for (phụ trách).",
    "plan": "A plan document (kế hoạch) and its content.",
    "issuer": "An issuing organisation (joint documents have several).",
    "basis": "A higher document the plan implements (Căn cứ / Thực hiện …); text = the citation.",
    "objective": "An objective (mục đích).", "requirement": "A requirement (yêu cầu).",
    "section": "A numbered part of the body (labels I, 1, a, -, +); texts and sub-sections "
               "in document order.",
    "text": "A paragraph of a section.",
    "task": "A task, work item or model, with measures, cost and sub-tasks.",
    "measure": "A quantity of a task (metric and value, optionally per locality).",
    "total": "A total the plan declares over its parts, kept as written.",
    "quota": "A quota (chỉ tiêu): a target per unit in scope, or a ratio.",
    "scope": "Selector: the organisations that must reach the quota (attributes combine with AND; "
             "at least one attribute).",
    "duty": "A reporting duty (chế độ báo cáo).",
    "reporters": "Selector: the organisations that owe the reports (attributes combine with AND; "
                 "at least one attribute).",
    "attachment": "An attachment a duty requires or a report carries (photo, video …).",
    "event": "An event such as a launch ceremony.",
    "recipient": "A recipient (Nơi nhận): an organisation and/or the text as written, with purpose.",
    "signature": "A signature block.",
    "report": "A report (báo cáo), usually answering a duty of a plan.",
    "value": "A reported value; its text is the decimal value.",
    "note": "Narrative text of a report.",
    "title": "Title as written (a plan's or report's trích yếu).",
    "campaign": "Campaign name, phase (đợt) and year.",
    "period": "Period of the plan (first and last day).",
    "cost": "Cost of a task.",
    "any-of": "The quota counts the sum of these metrics (… hoặc …).",
    "carries": "Metrics the reports of this duty carry.",
}

SIMPLE_TYPES = r'''
  <!-- ============================ value types ============================ -->
  <xs:simpleType name="ID">
    <xs:annotation><xs:documentation>Id of an entity: an XML NCName, unique in a dataset.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:NCName"/>
  </xs:simpleType>
  <xs:simpleType name="REF">
    <xs:annotation><xs:documentation>The id of another entity (possibly in another file of the dataset).</xs:documentation></xs:annotation>
    <xs:restriction base="xs:NCName"/>
  </xs:simpleType>
  <xs:simpleType name="REFList">
    <xs:list itemType="dv:REF"/>
  </xs:simpleType>
  <xs:simpleType name="REFS">
    <xs:annotation><xs:documentation>Space-separated ids, at least one.</xs:documentation></xs:annotation>
    <xs:restriction base="dv:REFList">
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="TokenList">
    <xs:list itemType="xs:token"/>
  </xs:simpleType>
  <xs:simpleType name="TOKENS">
    <xs:annotation><xs:documentation>Space-separated free tokens (tags, kinds), at least one.</xs:documentation></xs:annotation>
    <xs:restriction base="dv:TokenList">
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Date">
    <xs:annotation><xs:documentation>A calendar date YYYY-MM-DD (no time zone).</xs:documentation></xs:annotation>
    <xs:restriction base="xs:date">
      <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="YearMonth">
    <xs:restriction base="xs:gYearMonth">
      <xs:pattern value="[0-9]{4}-[0-9]{2}"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="PartialDate">
    <xs:annotation><xs:documentation>A document date: YYYY-MM-DD, or YYYY-MM when the day is left blank.</xs:documentation></xs:annotation>
    <xs:union memberTypes="dv:Date dv:YearMonth"/>
  </xs:simpleType>
  <xs:simpleType name="DateTime">
    <xs:annotation><xs:documentation>YYYY-MM-DDThh:mm:ss with an offset (+07:00 for Vietnam time) or Z.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:dateTime">
      <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+\-][0-9]{2}:[0-9]{2})"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Time">
    <xs:annotation><xs:documentation>A time of day hh:mm, 00:00 to 23:59, or 24:00 for the end of the day.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="([01][0-9]|2[0-3]):[0-5][0-9]|24:00"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Decimal">
    <xs:annotation><xs:documentation>An exact decimal: optional '-', digits, optional '.' and 1 to 18 digits; no grouping, no exponent.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:decimal">
      <xs:pattern value="-?[0-9]+(\.[0-9]{1,18})?"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Int">
    <xs:annotation><xs:documentation>A 64-bit integer written in decimal digits.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:long">
      <xs:pattern value="-?[0-9]+"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Bool">
    <xs:annotation><xs:documentation>true or false (not 1 or 0).</xs:documentation></xs:annotation>
    <xs:restriction base="xs:boolean">
      <xs:pattern value="true|false"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="LineRange">
    <xs:annotation><xs:documentation>Source line range "first-last" (or one line number) of an item imported from text.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9]+(-[0-9]+)?"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Count">
    <xs:restriction base="xs:nonNegativeInteger">
      <xs:pattern value="[0-9]+"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Ratio">
    <xs:annotation><xs:documentation>A ratio written with at most four decimals (trailing zeros dropped).</xs:documentation></xs:annotation>
    <xs:restriction base="dv:Decimal">
      <xs:pattern value="-?[0-9]+(\.[0-9]{1,4})?"/>
    </xs:restriction>
  </xs:simpleType>
'''

EVALUATION = r'''
  <!-- ===================== evaluation output (FORMAT.md) ===================== -->
  <xs:complexType name="EvaluationType">
    <xs:annotation><xs:documentation>What evaluate writes: one duty-status per duty and reporter unit, one quota-status per quota and unit in scope, one quota-result per quota, one score per ranked unit.</xs:documentation></xs:annotation>
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="duty-status" type="dv:DutyStatusType"/>
      <xs:element name="quota-status" type="dv:QuotaStatusType"/>
      <xs:element name="quota-result" type="dv:QuotaResultType"/>
      <xs:element name="score" type="dv:ScoreType"/>
      <xs:any namespace="##other" processContents="lax"/>
    </xs:choice>
    <xs:attribute name="plan" type="dv:REF" use="required"/>
    <xs:attribute name="as-of" type="dv:DateTime" use="required"/>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:complexType>
  <xs:complexType name="DutyStatusType">
    <xs:sequence>
      <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="duty" type="dv:REF" use="required"/>
    <xs:attribute name="org" type="dv:REF" use="required"/>
    <xs:attribute name="due" type="dv:Count"/>
    <xs:attribute name="on-time" type="dv:Count"/>
    <xs:attribute name="early" type="dv:Count"/>
    <xs:attribute name="late" type="dv:Count"/>
    <xs:attribute name="missing" type="dv:Count"/>
    <xs:attribute name="pending" type="dv:Count"/>
    <xs:attribute name="completeness" type="dv:Ratio"/>
    <xs:attribute name="timeliness" type="dv:Ratio"/>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:complexType>
  <xs:complexType name="QuotaStatusType">
    <xs:sequence>
      <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="quota" type="dv:REF" use="required"/>
    <xs:attribute name="org" type="dv:REF" use="required"/>
    <xs:attribute name="achieved" type="dv:Decimal"/>
    <xs:attribute name="met" type="dv:Bool"/>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:complexType>
  <xs:complexType name="QuotaResultType">
    <xs:sequence>
      <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="quota" type="dv:REF" use="required"/>
    <xs:attribute name="units" type="dv:Count"/>
    <xs:attribute name="met-units" type="dv:Count"/>
    <xs:attribute name="coverage" type="dv:Ratio"/>
    <xs:attribute name="met" type="dv:Bool"/>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:complexType>
  <xs:complexType name="ScoreType">
    <xs:sequence>
      <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="org" type="dv:REF" use="required"/>
    <xs:attribute name="value" type="dv:Decimal"/>
    <xs:attribute name="rank" type="xs:positiveInteger"/>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:complexType>
'''

ANY_ELEM = '<xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>'
ANY_ATTR = '<xs:anyAttribute namespace="##other" processContents="lax"/>'


def type_name(kind):
    return "".join(p.capitalize() for p in kind.name.split("-")) + "Type"


def field_type(f):
    if f.type == "ENUM":
        return "dv:" + ENUM_TYPES[f.enum]
    if f.type == "DATE" and f.partial:
        return "dv:PartialDate"
    if f.field == "LINES":
        return "dv:LineRange"
    return TYPES[f.type]


def attr_line(f, required=False):
    use = ' use="required"' if required else ""
    return '<xs:attribute name="%s" type="%s"%s/>' % (f.attr, field_type(f), use)


def doc(name, ind):
    if name not in DOC:
        return []
    return [ind + "<xs:annotation><xs:documentation>%s</xs:documentation></xs:annotation>" % esc(DOC[name])]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def group_element(kind, slot, ind):
    """A grouped single child element (title, campaign, period, cost, any-of, carries)."""
    fs = kind.group_fields(slot.elem)
    text = [f for f in fs if f.attr is None]
    attrs = [f for f in fs if f.attr is not None]
    out = [ind + '<xs:element name="%s" minOccurs="0">' % slot.elem]
    out += doc(slot.elem, ind + "  ")
    out.append(ind + "  <xs:complexType>")
    if text:
        out.append(ind + "    <xs:simpleContent>")
        out.append(ind + '      <xs:extension base="%s">' % field_type(text[0]))
        for f in attrs:
            out.append(ind + "        " + attr_line(f))
        out.append(ind + "        " + ANY_ATTR)
        out.append(ind + "      </xs:extension>")
        out.append(ind + "    </xs:simpleContent>")
    else:
        # every attribute of a group is required: an empty group element is never written
        for f in attrs:
            req = slot.elem in ("any-of", "carries")
            out.append(ind + "    " + attr_line(f, req))
        out.append(ind + "    " + ANY_ATTR)
    out.append(ind + "  </xs:complexType>")
    out.append(ind + "</xs:element>")
    return out


def child_element(parent, slot, kinds, ind):
    child = kinds[slot.kind]
    maxo = "1" if (parent.kind, slot.elem) in SINGLE else "unbounded"
    line = '<xs:element name="%s" type="dv:%s" minOccurs="0" maxOccurs="%s"' % (
        slot.elem, "SelectorType" if child.kind == "SELECTOR" else type_name(child), maxo)
    if slot.elem in ("scope", "reporters"):
        return [ind + line + ">"] + doc(slot.elem, ind + "  ") + [ind + "</xs:element>"]
    return [ind + line + "/>"]


def complex_type(kind, kinds):
    name = "SelectorType" if kind.kind == "SELECTOR" else type_name(kind)
    out = ['  <xs:complexType name="%s">' % name]
    if kind.kind == "SELECTOR":
        out.append("    <xs:annotation><xs:documentation>A selector of organisations, written "
                   "&lt;scope&gt; in a quota and &lt;reporters&gt; in a duty. kind and level match "
                   "any of their words; tags needs every tag; under names an organisation "
                   "(descendants) or a locality (organisations whose locality lies under it); "
                   "orgs lists ids. XSD 1.0 cannot require at least one attribute: the library "
                   "reports a selector without any as an error.</xs:documentation></xs:annotation>")
    else:
        out += doc(kind.name, "    ")
    req = REQUIRED.get(kind.kind, set())
    text = kind.text_field()
    attrs = kind.attrs()
    if text is not None and not kind.slots:
        out.append("    <xs:simpleContent>")
        out.append('      <xs:extension base="%s">' % field_type(text))
        for f in attrs:
            out.append("        " + attr_line(f, f.attr in req))
        out.append("        " + ANY_ATTR)
        out.append("      </xs:extension>")
        out.append("    </xs:simpleContent>")
    else:
        out.append("    <xs:sequence>")
        i = 0
        slots = kind.slots
        while i < len(slots):
            j = i
            while j < len(slots) and slots[j].rank == slots[i].rank:
                j += 1
            same = slots[i:j]
            if len(same) == 1:
                s = same[0]
                if s.kind is None:
                    out += group_element(kind, s, "      ")
                else:
                    out += child_element(kind, s, kinds, "      ")
            else:
                # slots of equal rank interleave in document order
                out.append('      <xs:choice minOccurs="0" maxOccurs="unbounded">')
                for s in same:
                    child = kinds[s.kind]
                    out.append('        <xs:element name="%s" type="dv:%s"/>' % (s.elem, type_name(child)))
                out.append("      </xs:choice>")
            i = j
        out.append("      " + ANY_ELEM)
        out.append("    </xs:sequence>")
        for f in attrs:
            out.append("    " + attr_line(f, f.attr in req))
        out.append("    " + ANY_ATTR)
    out.append("  </xs:complexType>")
    return out


def enum_types(enums):
    out = ["", "  <!-- ============================ word lists ============================ -->"]
    for ename, tname in ENUM_TYPES.items():
        out.append('  <xs:simpleType name="%s">' % tname)
        out.append('    <xs:restriction base="xs:string">')
        for w in enums[ename]:
            out.append('      <xs:enumeration value="%s"/>' % w)
        out.append("    </xs:restriction>")
        out.append("  </xs:simpleType>")
    return out


def root(kinds):
    ds = kinds["DATASET"]
    out = ["", "  <!-- ============================ root ============================ -->",
           '  <xs:element name="danvan">']
    out += doc("danvan", "    ")
    out.append("    <xs:complexType>")
    out.append("      <xs:sequence>")
    for s in ds.slots:
        child = kinds[s.kind]
        if s.wrapper:
            out.append('        <xs:element name="%s" minOccurs="0">' % s.wrapper)
            out += doc(s.wrapper, "          ")
            out.append("          <xs:complexType>")
            out.append("            <xs:sequence>")
            out.append('              <xs:element name="%s" type="dv:%s" minOccurs="0" maxOccurs="unbounded"/>'
                       % (s.elem, type_name(child)))
            out.append("            </xs:sequence>")
            out.append("          </xs:complexType>")
            out.append("        </xs:element>")
        else:
            out.append('        <xs:element name="%s" type="dv:%s" minOccurs="0" maxOccurs="unbounded"/>'
                       % (s.elem, type_name(child)))
    out.append('        <xs:element name="evaluation" type="dv:EvaluationType" minOccurs="0" maxOccurs="unbounded"/>')
    out.append("        " + ANY_ELEM)
    out.append("      </xs:sequence>")
    out.append('      <xs:attribute name="version" type="xs:string" use="required" fixed="1"/>')
    out.append("      " + ANY_ATTR)
    out.append("    </xs:complexType>")
    out.append("  </xs:element>")
    return out


def generate():
    kinds, enums = danvan_kinds.load()
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           "<!--",
           "  libdanvan XML format, version 1 (namespace urn:danvan:1).",
           "",
           "  Generated from lib/core/kinds.c by tools/gen-danvan-xsd.py: do not edit by hand.",
           "  The kind table fixes the elements, the order of their children (canonical order)",
           "  and the order of their attributes (canonical attribute order; XSD cannot enforce",
           "  attribute order). docs/format.md is the reference; what XSD 1.0 cannot say (a",
           "  selector needs at least one attribute, ids are unique, references resolve, text is",
           "  NFC) is checked by the library's validator.",
           "",
           "  Foreign content: every entity element accepts attributes of other namespaces, and",
           "  every element with element content accepts elements of other namespaces at the end",
           "  of its content; the library keeps both and writes them back.",
           "-->",
           '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:dv="urn:danvan:1"',
           '           targetNamespace="urn:danvan:1" elementFormDefault="qualified"',
           '           attributeFormDefault="unqualified" version="1">']
    out += root(kinds)
    out.append("")
    out.append("  <!-- ============================ entities ============================ -->")
    order = ["METRIC", "LOCALITY", "PERSON", "ORGANISATION", "MEMBER", "AREA", "PLAN", "ISSUER",
             "BASIS", "OBJECTIVE", "REQUIREMENT", "SECTION", "TEXT", "TASK", "MEASURE", "TOTAL",
             "QUOTA", "SELECTOR", "DUTY", "ATTACHMENT", "EVENT", "RECIPIENT", "SIGNATURE",
             "REPORT", "VALUE", "NOTE"]
    missing = set(kinds) - set(order) - {"DATASET", "FOREIGN"}
    if missing:
        raise SystemExit("kinds not placed in the schema: %s" % sorted(missing))
    for k in order:
        out += complex_type(kinds[k], kinds)
    out += EVALUATION.rstrip("\n").split("\n")
    out += SIMPLE_TYPES.rstrip("\n").split("\n")
    out += enum_types(enums)
    out.append("</xs:schema>")
    return "\n".join(out) + "\n"


def main():
    text = generate()
    if "--check" in sys.argv:
        cur = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if cur != text:
            print("schema/danvan-1.xsd is out of date: run tools/gen-danvan-xsd.py", file=sys.stderr)
            return 1
        return 0
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

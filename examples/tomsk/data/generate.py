#!/usr/bin/env python3
"""Sample submissions of the Tomsk example, generated deterministically.

    python3 examples/tomsk/data/generate.py

Reads the model (examples/tomsk/*.mera: forms, enums, deadlines) and the unit tree
(examples/tomsk/units.csv), generates two years (2021, 2022) of submissions of every
organization and methodical platform, validates each one against the model's rules with
a small independent validator (types, bounds, breakdowns, required / when / calculated
fields, every `check` of the form evaluated from its text), and writes:

    2021.jsonl, 2022.jsonl        every form but staff, one submission per line
    staff_2021.csv, staff_2022.csv the staff form as CSV (RFC 4180 quoting)
    wrong/wrong.jsonl             one broken rule per line (see README.md)
    wrong/broken.json             malformed JSON (a missing comma)
    wrong/not_utf8.csv            a staff row in Windows-1251
    workflow/corrections.jsonl    corrected versions of reports returned for correction
    workflow/reviews.csv          every step of the review workflow: accept, return, forward

Python 3 standard library only; fixed random seed, so the output is the same on every run.
The generator refuses to write anything if a good submission breaks an error-level check,
if a warning trips anywhere but in the planned submissions, or if a line of wrong.jsonl
breaks anything but its one intended rule.
"""

import csv
import datetime as dt
import io
import json
import math
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.dirname(HERE)
SEED = 20200610          # the Regulation's approval date
YEARS = (2021, 2022)


# ======================================================================================
# Reading the model: a tokenizer and a parser for the parts the generator needs
# (enums, forms with fields and checks, deadlines). Anything else is skipped.
# ======================================================================================

TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<lua>\[(?P<eq>=*)\[.*?\](?P=eq)\])
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<date>\d{4}-\d{2}-\d{2})
  | (?P<number>\d+(?:\.\d+)?%?)
  | (?P<ident>[^\W\d]\w*)
  | (?P<op>==|!=|<=|>=|->|[<>=+\-*/()\[\]{},:.])
""", re.VERBOSE | re.DOTALL)


def tokenize(text, fname):
    out, pos = [], 0
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise SystemExit(f"{fname}: cannot read the model at offset {pos}: {text[pos:pos + 30]!r}")
        kind = m.lastgroup
        if kind == "eq":
            kind = "lua"
        if m.group("lua") is not None:
            kind = "lua"
        if kind not in ("ws", "comment"):
            val = m.group(0)
            if kind == "string":
                val = re.sub(r"\\(.)", r"\1", val[1:-1])
            out.append((kind, val))
        pos = m.end()
    out.append(("eof", ""))
    return out


class Parser:
    def __init__(self, toks, fname):
        self.t, self.i, self.fname = toks, 0, fname

    def peek(self, k=0):
        return self.t[self.i + k]

    def next(self):
        tok = self.t[self.i]
        self.i += 1
        return tok

    def is_(self, val, k=0):
        tok = self.peek(k)
        return tok[0] in ("op", "ident") and tok[1] == val

    def expect(self, val):
        tok = self.next()
        if tok[1] != val:
            raise SystemExit(f"{self.fname}: expected {val!r}, got {tok[1]!r}")
        return tok

    def ident(self):
        tok = self.next()
        if tok[0] != "ident":
            raise SystemExit(f"{self.fname}: expected a name, got {tok[1]!r}")
        return tok[1]

    # ---- expressions (precedence as docs/language.md) --------------------------------
    def expr(self):
        if self.is_("if"):
            self.next()
            c = self.expr()
            self.expect("then")
            a = self.expr()
            self.expect("else")
            b = self.expr()
            return ("if", c, a, b)
        return self.or_()

    def or_(self):
        e = self.and_()
        while self.is_("or"):
            self.next()
            e = ("or", e, self.and_())
        return e

    def and_(self):
        e = self.not_()
        while self.is_("and"):
            self.next()
            e = ("and", e, self.not_())
        return e

    def not_(self):
        if self.is_("not"):
            self.next()
            return ("not", self.not_())
        return self.cmp()

    def cmp(self):
        e = self.add()
        tok = self.peek()
        if tok[0] == "op" and tok[1] in ("==", "!=", "<", "<=", ">", ">="):
            self.next()
            return ("cmp", tok[1], e, self.add())
        if self.is_("in") and self.is_("period", 1):
            self.i += 2
            return ("in_period", e)
        return e

    def add(self):
        e = self.mul()
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            op = self.next()[1]
            e = ("arith", op, e, self.mul())
        return e

    def mul(self):
        e = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            op = self.next()[1]
            e = ("arith", op, e, self.unary())
        return e

    def unary(self):
        if self.is_("-"):
            self.next()
            return ("neg", self.unary())
        return self.primary()

    def primary(self):
        kind, val = self.next()
        if kind == "number":
            return ("lit", float(val[:-1]) / 100 if val.endswith("%") else (float(val) if "." in val else int(val)))
        if kind == "date":
            return ("lit", dt.date.fromisoformat(val))
        if kind == "string":
            return ("lit", val)
        if kind == "op" and val == "(":
            e = self.expr()
            self.expect(")")
            return e
        if kind == "ident":
            if val in ("true", "false"):
                return ("lit", val == "true")
            if val == "null":
                return ("lit", None)
            if self.is_("("):
                self.next()
                args = []
                while not self.is_(")"):
                    args.append(self.expr())
                    if self.is_(","):
                        self.next()
                self.expect(")")
                return ("call", val, args)
            e = ("name", val)
            while True:
                if self.is_("."):
                    self.next()
                    e = ("dot", e, self.ident())
                elif self.is_("["):
                    self.next()
                    e = ("index", e, self.ident())
                    self.expect("]")
                else:
                    return e
        raise SystemExit(f"{self.fname}: unexpected {val!r} in an expression")


class Field:
    def __init__(self, name, type_, by):
        self.name, self.type, self.by = name, type_, by
        self.required = False
        self.when = None          # (text, ast)
        self.calc = None          # (text, ast)
        self.bounds = []          # [(op, value)]
        self.rollup = None
        self.label = ""


class Form:
    def __init__(self, name, label):
        self.name, self.label = name, label
        self.period = None
        self.by = None
        self.fields = {}          # name -> Field, in declaration order
        self.checks = []          # (warning?, text, ast, message)


def span_text(toks, a, b):
    return " ".join(t[1] for t in toks[a:b])


def read_model(folder):
    enums, forms, deadlines, levels = {}, {}, {}, []
    for fn in sorted(os.listdir(folder)):
        if not fn.endswith(".mera"):
            continue
        path = os.path.join(folder, fn)
        with open(path, encoding="utf-8") as f:
            toks = tokenize(f.read(), fn)
        p = Parser(toks, fn)
        depth = 0
        while p.peek()[0] != "eof":
            kind, val = p.peek()
            if depth == 0 and kind == "ident" and val == "level":
                p.next()
                levels.append(p.ident())
            elif depth == 0 and kind == "ident" and val == "enum":
                p.next()
                name = p.ident()
                if p.peek()[0] == "string":
                    p.next()
                p.expect("{")
                cats = []
                while not p.is_("}"):
                    cats.append(p.ident())
                    if p.peek()[0] == "string":
                        p.next()
                    if p.is_(","):
                        p.next()
                p.expect("}")
                enums[name] = cats
            elif depth == 0 and kind == "ident" and val == "form":
                p.next()
                form = Form(p.ident(), p.next()[1] if p.peek()[0] == "string" else "")
                p.expect("{")
                while not p.is_("}"):
                    word = p.ident()
                    if word == "period":
                        form.period = p.ident()
                    elif word == "by":
                        form.by = p.ident()
                    elif word == "record":
                        p.expect("per")
                        p.ident()
                        form.period = "record"
                    elif word == "field":
                        name, type_ = p.ident(), p.ident()
                        by = None
                        if p.is_("by"):
                            p.next()
                            by = p.ident()
                        fld = Field(name, type_, by)
                        while True:
                            if p.is_("required"):
                                p.next()
                                fld.required = True
                            elif p.is_("when"):
                                p.next()
                                a = p.i
                                ast = p.expr()
                                fld.when = (span_text(p.t, a, p.i), ast)
                            elif p.is_("="):
                                p.next()
                                a = p.i
                                ast = p.expr()
                                fld.calc = (span_text(p.t, a, p.i), ast)
                            elif p.is_("rollup"):
                                p.next()
                                fld.rollup = p.ident()
                            elif p.peek()[0] == "op" and p.peek()[1] in (">=", ">", "<=", "<"):
                                op = p.next()[1]
                                fld.bounds.append((op, p.primary()[1]))
                            else:
                                break
                        if p.peek()[0] == "string":
                            fld.label = p.next()[1]
                        form.fields[name] = fld
                    elif word == "check":
                        warning = False
                        if p.is_("warning"):
                            p.next()
                            warning = True
                        a = p.i
                        ast = p.expr()
                        text = span_text(p.t, a, p.i)
                        msg = p.next()[1]
                        form.checks.append((warning, text, ast, msg))
                    else:
                        raise SystemExit(f"{fn}: form {form.name}: unknown item {word!r}")
                p.expect("}")
                forms[form.name] = form
            elif depth == 0 and kind == "ident" and val == "deadline":
                p.next()
                fname_, src = p.ident(), p.ident()
                p.expect("->")
                dst = p.ident()
                p.expect("{")
                rules = {}
                while not p.is_("}"):
                    sel = p.ident()
                    p.expect(":")
                    if p.is_("day"):
                        p.next()
                        n = int(p.next()[1])
                        p.expect("of")
                        p.expect("next")
                        p.expect("month")
                        rules[sel] = ("day_next_month", n)
                    elif p.peek()[0] == "number":
                        n = int(p.next()[1])
                        p.expect("days")
                        p.expect("after")
                        rules[sel] = ("days_after", n)
                    else:
                        month = MONTHS.index(p.ident()) + 1
                        rules[sel] = ("fixed", month, int(p.next()[1]))
                p.expect("}")
                deadlines[(fname_, src, dst)] = rules
            else:
                tok = p.next()
                if tok[0] == "op" and tok[1] == "{":
                    depth += 1
                elif tok[0] == "op" and tok[1] == "}":
                    depth -= 1
    return enums, forms, deadlines, levels


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


# ======================================================================================
# Periods and due dates
# ======================================================================================

PERIOD_RE = re.compile(r"^(\d{4})(?:([QqHh])(\d+)|-(\d{2}))?$")


def parse_period(text):
    """(kind, year, index) or None. 2021 year, 2021H1, 2021Q3, 2021-03 month."""
    m = PERIOD_RE.match(text) if isinstance(text, str) else None
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2):
        letter, idx = m.group(2).upper(), int(m.group(3))
        if letter == "Q" and 1 <= idx <= 4:
            return ("quarter", year, idx)
        if letter == "H" and 1 <= idx <= 2:
            return ("half_year", year, idx)
        return None
    if m.group(4):
        idx = int(m.group(4))
        return ("month", year, idx) if 1 <= idx <= 12 else None
    return ("year", year, 1)


MONTHS_IN = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


def period_bounds(p):
    kind, year, idx = p
    n = MONTHS_IN[kind]
    first = dt.date(year, (idx - 1) * n + 1, 1)
    m_last = idx * n
    nxt = dt.date(year + (m_last == 12), m_last % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def period_text(p):
    kind, year, idx = p
    return {"quarter": f"{year}Q{idx}", "half_year": f"{year}H{idx}", "year": f"{year}",
            "month": f"{year}-{idx:02d}"}[kind]


def due_date(deadlines, form, src, p):
    rules = [r for (f, s, _), r in deadlines.items() if f == form and s == src]
    assert len(rules) == 1, (form, src)
    rules = rules[0]
    kind, year, idx = p
    sel = {"quarter": f"Q{idx}", "half_year": f"H{idx}"}.get(kind)
    rule = rules.get(sel) or rules[kind]
    _, end = period_bounds(p)
    if rule[0] == "day_next_month":
        nxt = end + dt.timedelta(days=1)
        return dt.date(nxt.year, nxt.month, rule[1])
    if rule[0] == "days_after":
        return end + dt.timedelta(days=rule[1])
    d = dt.date(end.year, rule[1], rule[2])
    return d if d > end else dt.date(end.year + 1, rule[1], rule[2])


# ======================================================================================
# Units: the tree with dated membership
# ======================================================================================

def read_units(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0].keys()) == ["id", "name", "level", "parent", "from", "to", "forms"], "units.csv header"
    return rows


def forms_of(units, unit):
    """The forms a unit submits (units.csv `forms`); None when it submits every form of its level."""
    listed = {r["forms"] for r in units if r["id"] == unit}
    assert len(listed) == 1, (unit, listed)   # a unit that moved keeps its forms
    text = listed.pop()
    return set(text.split()) if text else None


def parent_on(units, unit, day):
    for r in units:
        if r["id"] != unit:
            continue
        frm = dt.date.fromisoformat(r["from"])
        to = dt.date.fromisoformat(r["to"]) if r["to"] else dt.date.max
        if frm <= day <= to:
            return r["parent"]
    return None


def level_of(units, unit):
    levels = {r["level"] for r in units if r["id"] == unit}
    return levels.pop() if len(levels) == 1 else None


# ======================================================================================
# The validator: what `mera submit` is expected to refuse, one code per kind of rule
# ======================================================================================

def ev(e, vals):
    """Evaluate a form-level expression over submitted values; None is an empty value."""
    tag = e[0]
    if tag == "lit":
        return e[1]
    if tag == "name":
        return vals.get(e[1])
    if tag == "index":
        b = ev(e[1], vals)
        return None if b is None else b.get(e[2])
    if tag == "call" and e[1] == "sum" and len(e[2]) == 1:
        b = ev(e[2][0], vals)
        if b is None or any(v is None for v in b.values()):
            return None
        return sum(b.values())
    if tag == "neg":
        v = ev(e[1], vals)
        return None if v is None else -v
    if tag == "arith":
        a, b = ev(e[2], vals), ev(e[3], vals)
        if a is None or b is None:
            return None
        if e[1] == "/":
            return None if b == 0 else a / b
        return {"+": a + b, "-": a - b, "*": a * b}[e[1]]
    if tag == "cmp":
        a, b = ev(e[2], vals), ev(e[3], vals)
        op = e[1]
        if op in ("==", "!=") and (e[2] == ("lit", None) or e[3] == ("lit", None)):
            return (a is None if e[3] == ("lit", None) else b is None) == (op == "==")
        if a is None or b is None:
            return None
        return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    if tag == "and":
        a, b = ev(e[1], vals), ev(e[2], vals)
        if a is False or b is False:
            return False
        return None if a is None or b is None else True
    if tag == "or":
        a, b = ev(e[1], vals), ev(e[2], vals)
        if a is True or b is True:
            return True
        return None if a is None or b is None else False
    if tag == "not":
        a = ev(e[1], vals)
        return None if a is None else not a
    if tag == "if":
        c = ev(e[1], vals)
        return ev(e[2], vals) if c else ev(e[3], vals)
    raise SystemExit(f"the generator's evaluator does not know {e!r}")


def fmt_message(msg, vals):
    def rep(m):
        v = vals.get(m.group(1))
        return "пусто" if v is None else str(v)
    return re.sub(r"\{(\w+)\}", rep, msg)


class Validator:
    """Validates submissions (as dicts, as the JSON reader gives them) against the model."""

    def __init__(self, enums, forms, units):
        self.enums, self.forms, self.units = enums, forms, units
        self.seen = set()

    def read_value(self, fld, raw, errs):
        """The typed value of one field, or None (and an error) when it cannot be read."""
        def scalar(v, where):
            if fld.type == "int":
                if isinstance(v, bool) or not isinstance(v, int):
                    errs.append(("type", f"{where}: ожидается целое число, указано {json.dumps(v, ensure_ascii=False)}"))
                    return None
                for op, b in fld.bounds:
                    if not {">=": v >= b, ">": v > b, "<=": v <= b, "<": v < b}[op]:
                        errs.append(("bound", f"{where}: значение {v} вне границ ({op} {b})"))
                        return None
                return v
            if fld.type == "text":
                if not isinstance(v, str) or v == "":
                    errs.append(("type", f"{where}: ожидается текст"))
                    return None
                return v
            if fld.type in ("number", "percent"):
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    errs.append(("type", f"{where}: ожидается число"))
                    return None
                return v
            raise SystemExit(f"the generator does not handle the type {fld.type}")

        if fld.by:
            cats = self.enums[fld.by]
            if not isinstance(raw, dict):
                errs.append(("type", f"{fld.name}: ожидается разбивка по {cats}"))
                return None
            out, ok = {}, True
            for k in raw:
                if k not in cats:
                    errs.append(("breakdown_unknown", f"{fld.name}: неизвестная категория {k!r}"))
                    ok = False
            for c in cats:
                if c not in raw:
                    errs.append(("breakdown_missing", f"{fld.name}: нет категории {c!r}"))
                    ok = False
                    continue
                v = scalar(raw[c], f"{fld.name}[{c}]")
                ok = ok and v is not None
                out[c] = v
            return out if ok else None
        return scalar(raw, fld.name)

    def validate(self, sub):
        """A list of (code, message), and the list of warnings when there are no errors."""
        errs, warns = [], []
        if set(sub.keys()) - {"form", "unit", "period", "submitted_at", "values"}:
            errs.append(("header", f"лишние ключи {sorted(set(sub) - {'form', 'unit', 'period', 'submitted_at', 'values'})}"))
        form = self.forms.get(sub.get("form"))
        if form is None:
            return [("unknown_form", f"неизвестная форма {sub.get('form')!r}")], warns
        p = parse_period(sub.get("period"))
        if p is None:
            errs.append(("period_malformed", f"период {sub.get('period')!r} не читается"))
        elif p[0] != form.period:
            errs.append(("period_kind", f"форма {form.name} сдаётся за период вида {form.period}, указан {sub['period']}"))
        unit = sub.get("unit")
        lvl = level_of(self.units, unit)
        if lvl is None:
            errs.append(("unknown_unit", f"неизвестная единица {unit!r}"))
        elif lvl != form.by:
            errs.append(("unit_level", f"форму {form.name} сдаёт уровень {form.by}, а {unit} — {lvl}"))
        elif p is not None:
            first, last = period_bounds(p)
            if parent_on(self.units, unit, first) is None and parent_on(self.units, unit, last) is None \
                    and not any(r["id"] == unit and r["level"] == "department" for r in self.units):
                errs.append(("membership", f"{unit} не входит в дерево в период {sub['period']}"))
        try:
            dt.date.fromisoformat(sub.get("submitted_at", ""))
        except (TypeError, ValueError):
            errs.append(("submitted_at", f"дата подачи {sub.get('submitted_at')!r} не читается"))
        key = (sub.get("form"), unit, sub.get("period"))
        if key in self.seen:
            errs.append(("duplicate", f"{key} уже подан в этом файле"))
        self.seen.add(key)

        raw = sub.get("values", {})
        vals = {}
        for k in raw:
            if k not in form.fields:
                errs.append(("unknown_field", f"в форме {form.name} нет поля {k!r}"))
        for fld in form.fields.values():
            if fld.calc and fld.name in raw:
                errs.append(("calculated", f"{fld.name} вычисляется ({fld.calc[0]}), его не подают"))
            elif fld.name in raw:
                vals[fld.name] = self.read_value(fld, raw[fld.name], errs)
        # when and required after every value is read: `when` may name a later field
        for fld in form.fields.values():
            if fld.calc:
                continue
            relevant = True if fld.when is None else ev(fld.when[1], vals)
            if relevant is not True and fld.name in raw:
                errs.append(("when_false", f"{fld.name} заполняется, только когда {fld.when[0]}"))
                vals[fld.name] = None
            elif relevant is True and fld.required and fld.name not in raw:
                errs.append(("required", f"не заполнено обязательное поле {fld.name} «{fld.label}»"))
        for fld in form.fields.values():
            if fld.calc:
                vals[fld.name] = ev(fld.calc[1], vals) if (fld.when is None or ev(fld.when[1], vals)) else None
        for warning, text, ast, msg in form.checks:
            r = ev(ast, vals)
            if r is False and warning:
                warns.append(fmt_message(msg, vals))
            elif r is False:
                errs.append(("check", fmt_message(msg, vals)))
        return errs, warns

    def strict_checks(self, sub):
        """For generated data: every check must evaluate to true or false (no empty operand)."""
        form = self.forms[sub["form"]]
        vals = dict(sub["values"])
        for fld in form.fields.values():
            if fld.calc:
                vals[fld.name] = ev(fld.calc[1], vals)
        for warning, text, ast, msg in form.checks:
            r = ev(ast, vals)
            assert r is not None, f"check `{text}` has an empty operand in {sub['form']} {sub['unit']} {sub['period']}"


# ======================================================================================
# Generation
# ======================================================================================

rng = random.Random(SEED)


def U(a, b):
    return rng.uniform(a, b)


def binom(n, p):
    return sum(1 for _ in range(n) if rng.random() < p)


def poisson(lam):
    lim, k, prod = math.exp(-lam), 0, rng.random()
    while prod > lim:
        k += 1
        prod *= rng.random()
    return k


def quarters():
    return [("quarter", y, q) for y in YEARS for q in (1, 2, 3, 4)]


def halves():
    return [("half_year", y, h) for y in YEARS for h in (1, 2)]


# Families on support at the start of 2021 (end of 2020Q4): the size of each organization.
BLOOD_STOCK = {"org01": 62, "org02": 74, "org03": 96, "org04": 88, "org05": 45, "org06": 58,
               "org07": 41, "org08": 33, "org09": 38, "org10": 118}
FOSTER_STOCK = {"org11": 180, "org12": 170, "org13": 78, "org14": 90, "org15": 70, "org16": 96,
                "org17": 104, "org18": 62, "org19": 110, "org20": 86, "org21": 72, "org22": 150,
                "org23": 160}
IMPROVE = {2021: 0.0, 2022: 0.02}   # the measures of 2021 begin to tell in 2022
SEASON = {1: 1.0, 2: 1.05, 3: 0.85, 4: 1.1}   # fewer new cases in summer

# Submissions that are late on purpose: (form, unit, period) -> submitted_at.
LATE = {
    ("blood_families", "org03", "2021Q4"): "2022-01-14",
    ("blood_families", "org07", "2021Q4"): "2022-01-17",
    ("staff", "org07", "2021Q4"): "2022-01-17",
    ("foster_support", "org18", "2021Q2"): "2021-07-08",
    ("foster_school", "org12", "2022Q1"): "2022-04-11",
    ("blood_families", "org09", "2022Q3"): "2022-10-15",
    ("quality_report", "platform_foster_north", "2022H1"): "2022-07-20",
}
# On time, but on the due date itself (a report sent on the due day is on time).
ON_DUE_DAY = {("blood_families", "org05", "2022Q2"), ("quality_report", "platform_foster_south", "2021H2")}
# Submissions that trip a warning-level check on purpose.
WARN = {
    ("foster_school", "org14", "2021Q2"): "certificates == graduated",
    ("foster_school", "org20", "2022Q3"): "certificates == graduated",
    ("staff", "org04", "2022Q1"): "cases <= specialists * 30",
    ("quality_report", "platform_blood", "2022H2"): "supervised > 0 or supervisions == 0",
}

TERMINATION_REASONS = [
    "возврат ребёнка в учреждение по заявлению приёмных родителей: конфликт с подростком, самовольные уходы",
    "восстановление матери в родительских правах, ребёнок вернулся в кровную семью",
    "усыновление ребёнка приёмными родителями",
    "отстранение опекуна органом опеки в связи с ненадлежащим исполнением обязанностей",
    "отказ опекуна (бабушки) от исполнения обязанностей по состоянию здоровья",
    "смерть опекуна, ребёнок передан под опеку тёте",
    "передача ребёнка под опеку отцу после установления отцовства",
    "возврат ребёнка по инициативе приёмной семьи в связи с переездом и разводом супругов",
    "помещение подростка в специальное учебное заведение по решению суда",
]


def gen_org_quarterly(units):
    """Quarterly submissions of organizations: {(form, unit, period): values}."""
    out = {}
    # ---- birth families ----
    for org, s0 in BLOOD_STOCK.items():
        ratio = U(1.9, 2.3)                  # children per family
        S, C = s0, round(s0 * ratio)
        trend = U(-0.03, 0.05)
        for p in quarters():
            _, y, q = p
            target = s0 * (1 + trend * (y - 2020))
            new = max(1, round(s0 * U(0.27, 0.38) * SEASON[q]))
            families = S + new
            new_children = new + round(new * (ratio - 1) * U(0.8, 1.2))
            children = C + new_children
            closed = round(new + (S - target) * 0.35 + U(-4, 4))
            closed = min(max(closed, round(families * 0.12)), families - 3)
            cc = round(closed * children / families * U(0.9, 1.1))
            cc = min(max(cc, closed), children - (families - closed))
            high = round(families * U(0.18, 0.30))
            medium = round(families * U(0.35, 0.45))
            v = {
                "families": families, "children": children,
                "by_risk": {"low": families - high - medium, "medium": medium, "high": high},
                "new_families": new, "new_children": new_children,
                "closed": closed, "closed_children": cc,
                "on_support": families - closed, "children_on_support": children - cc,
                "positive": round(families * (U(0.48, 0.72) + IMPROVE[y])),
                "negative": round(families * U(0.01, 0.055)),
                "reopened": binom(new, 0.10),
                "long_work": round(families * U(0.07, 0.16)),
            }
            out[("blood_families", org, period_text(p))] = v
            S, C = v["on_support"], v["children_on_support"]

    # ---- foster families: school and support ----
    for org, s0 in FOSTER_STOCK.items():
        ratio = U(1.35, 1.65)
        S, C = s0, round(s0 * ratio)
        trend = U(-0.02, 0.04)
        school_rate = U(0.045, 0.08)
        studying = round(s0 * school_rate * 0.6)
        prev_grad = round(s0 * school_rate * 0.7)
        for p in quarters():
            _, y, q = p
            pt = period_text(p)
            # school of foster parents
            enrolled = round(s0 * school_rate * (0.6 if q == 3 else 1.0) * U(0.7, 1.3))
            pool = studying + enrolled
            graduated = round(pool * U(0.55, 0.8))
            dropped = binom(pool - graduated, 0.15)
            studying = pool - graduated - dropped
            families_formed = round(prev_grad * U(0.2, 0.5))
            children_placed = families_formed + binom(families_formed, 0.3)
            prev_grad = graduated
            out[("foster_school", org, pt)] = {
                "enrolled": enrolled, "graduated": graduated, "certificates": graduated,
                "dropped": dropped, "studying": studying,
                "families_formed": families_formed, "children_placed": children_placed,
            }
            # support of foster families
            target = s0 * (1 + trend * (y - 2020))
            new = max(families_formed, round(s0 * U(0.14, 0.2) * SEASON[q]))
            families = S + new
            new_children = max(new + round(new * (ratio - 1) * U(0.8, 1.2)), children_placed)
            children = C + new_children
            terminated = poisson(families * 0.005)
            terminated_children = min(terminated + binom(terminated, 0.3), children)
            closed = round(new + (S - target) * 0.35 + U(-4, 4))
            closed = min(max(closed, terminated, round(families * 0.08)), families - 3)
            cc = round(closed * children / families * U(0.9, 1.1))
            cc = min(max(cc, closed, min(terminated_children, closed + 5)), children - (families - closed))
            crisis = round(families * U(0.05, 0.12))
            intensive = round(families * U(0.2, 0.35))
            v = {
                "families": families, "children": children,
                "by_level": {"basic": families - crisis - intensive, "intensive": intensive, "crisis": crisis},
                "new_families": new, "new_children": new_children,
                "closed": closed, "closed_children": cc,
                "on_support": families - closed, "children_on_support": children - cc,
                "positive": round(families * (U(0.52, 0.73) + IMPROVE[y])),
                "negative": round(families * U(0.01, 0.045)),
                "reopened": binom(new, 0.04),
                "long_work": round(families * U(0.30, 0.45)),
                "terminated": terminated, "terminated_children": terminated_children,
            }
            if terminated > 0:
                text = "; ".join(rng.sample(TERMINATION_REASONS, min(terminated, 3)))
                if terminated > 3:
                    text += "; прочие случаи — по заявлениям опекунов"
                v["termination_reasons"] = text[0].upper() + text[1:]
            out[("foster_support", org, pt)] = v
            S, C = v["on_support"], v["children_on_support"]

    # planned warnings in the school of foster parents
    for key, need in ((("foster_school", "org14", "2021Q2"), 1), (("foster_school", "org20", "2022Q3"), 2)):
        v = out[key]
        assert v["graduated"] >= need + 1, f"{key}: too few graduates for the planned warning"
        v["certificates"] = v["graduated"] - need
    return out


NEEDS_BLOOD = [
    "Оценка потребностей ребёнка и семьи, составление плана работы со случаем",
    "Мотивационное интервьюирование, работа с сопротивлением клиента",
    "Работа с семьями, где родители злоупотребляют алкоголем",
    "Оценка безопасности ребёнка, ведение документации по случаю",
    "Семейные групповые конференции, вовлечение родственников в помощь семье",
    "Работа с подростками: самовольные уходы, профилактика суицидального поведения",
    "Дистанционный курс Ресурсного центра для специалистов удалённых территорий",
]
NEEDS_FOSTER = [
    'Тренинг "Травма привязанности", консультирование замещающих семей',
    'Программа "Школа приёмных родителей": подготовка кандидатов к приёму подростков, сиблингов',
    "Медиация в конфликтах между приёмными родителями и кровными родственниками ребёнка",
    "Сопровождение семей на кризисном уровне, профилактика возвратов детей",
    "Работа с подростками в замещающих семьях, подготовка к самостоятельной жизни",
    "Подготовка ребёнка к встрече с кровными родственниками, работа с историей жизни",
]
NEEDS_COMMON = [
    "Профилактика профессионального выгорания; супервизия трудных случаев",
    "Обучение новых специалистов по образовательной программе Ресурсного центра, стажировка",
]


def gen_staff(quarterly):
    out = {}
    for org in list(BLOOD_STOCK) + list(FOSTER_STOCK):
        blood = org in BLOOD_STOCK
        he_ratio = U(0.68, 0.95)
        spec = None
        vac = rng.choice([0, 0, 1, 1, 2])
        for p in quarters():
            pt = period_text(p)
            cases = quarterly[("blood_families" if blood else "foster_support", org, pt)]["on_support"]
            target = max(2, math.ceil(cases / U(11, 19)))
            if spec is None:
                spec = target
            delta = target - spec
            turnover = binom(spec, 0.06)
            new = max(0, delta) + turnover
            spec = target
            if rng.random() < 0.3:
                vac = max(0, min(3, vac + rng.choice([-1, 1])))
            v = {
                "specialists": spec,
                "higher_education": round(spec * he_ratio),
                "vacancies": vac,
                "trained": binom(spec, 0.35 if p[2] in (1, 4) else 0.2),
                "new_specialists": new,
                "new_trained": binom(new, 0.7),
                "cases": cases,
            }
            if ("staff", org, pt) in WARN:
                # two specialists left in winter, the vacancies are not filled yet
                v["specialists"] = max(1, (cases - 1) // 30)
                v["higher_education"] = round(v["specialists"] * he_ratio)
                v["vacancies"] = 3
                v["new_specialists"] = 0
                v["new_trained"] = 0
                v["trained"] = 0
                v["training_needs"] = ("Срочно: обучение новых специалистов, как только будут закрыты "
                                       "вакансии; до тех пор — супервизия, помощь Ресурсного центра в разборе случаев")
                spec = v["specialists"]
                vac = 0                    # filled in the next quarter
            elif rng.random() < 0.75:
                pool = (NEEDS_BLOOD if blood else NEEDS_FOSTER) + NEEDS_COMMON
                v["training_needs"] = "; ".join(rng.sample(pool, rng.choice([1, 1, 2])))
            out[("staff", org, pt)] = v
    return out


# ---- quality reports of the methodical platforms ----------------------------------------

FACTORS_BLOOD = [
    "Высокая нагрузка на специалистов по работе со случаем в ряде организаций (до 20 семей и более на специалиста), из-за чего сокращаются посещения семей на дому.",
    "Текучесть кадров: новые специалисты приступают к работе со случаем до прохождения обучения по программе Ресурсного центра.",
    "Удалённость населённых пунктов и отсутствие регулярного транспорта затрудняют выезды к семьям, особенно в распутицу.",
    "Низкое качество планирования: в части планов работы со случаем цели сформулированы неизмеримо, без сроков и ответственных.",
    "Формальный характер межведомственного взаимодействия при выявлении семей: сведения из школ и поликлиник поступают с опозданием.",
    "Семьи поступают на сопровождение поздно, при высоком уровне риска, когда неблагополучие уже хроническое.",
    "Не во всех делах проводится повторная оценка потребностей ребёнка перед снятием семьи с сопровождения.",
    "Родители в ряде семей не готовы к изменениям и участвуют в работе формально, что особенно заметно в семьях с алкогольной зависимостью.",
]
FACTORS_FOSTER = [
    "Недостаток психологов для работы с подростками в замещающих семьях.",
    "Низкая мотивация части замещающих родителей к участию в группах поддержки и клубах приёмных семей.",
    "Замещающие семьи обращаются за помощью поздно: кризис выявляется, когда уже стоит вопрос о возврате ребёнка.",
    "Смена специалиста, закреплённого за семьёй, нарушает сложившийся контакт с семьёй и ребёнком.",
    "Кандидаты, прошедшие ШПР, недостаточно готовы к приёму подростков и сиблинговых групп.",
    "Слабое взаимодействие с органами опеки при переводе семьи на кризисный уровень сопровождения.",
    "Удалённость сёл: часть семей можно посетить только раз в квартал, консультации идут по телефону.",
]
MEASURES_BLOOD = [
    "Провести семинар по оценке потребностей ребёнка и планированию работы со случаем совместно с Ресурсным центром.",
    "Организовать ежемесячные интервизорские группы для специалистов по работе со случаем.",
    "Ввести дистанционные консультации по видеосвязи для семей удалённых сёл.",
    "Выборочно проверить ведение документации по случаю: не менее 5 дел в каждой организации.",
    "Согласовать с органами опеки и школами порядок раннего информирования о семьях в трудной жизненной ситуации.",
    "Направить новых специалистов на дистанционный курс Ресурсного центра в первые три месяца работы.",
    "Разработать памятку по повторной оценке семьи перед снятием с сопровождения.",
]
MEASURES_FOSTER = [
    "Открыть группу поддержки для приёмных родителей подростков, встречи раз в месяц.",
    "Включить в программу ШПР занятия о приёме подростков и сиблингов, пригласить опытных приёмных родителей.",
    "Проводить оценку риска возврата ребёнка при каждом переводе семьи на другой уровень сопровождения.",
    "Закрепить за семьями на кризисном уровне двух специалистов: психолога и специалиста по социальной работе.",
    "Проводить разбор каждого случая прекращения опеки на интервизорской группе площадки.",
    "Договориться с органами опеки о совместных выездах к семьям на кризисном уровне.",
]
SUPERVISION = [
    "Трудности, связанные с содержанием работы: оценка рисков в семьях с подростками, работа с сопротивлением родителей. Организационные: нехватка времени на документацию, совмещение нескольких должностей.",
    "Специалисты затрудняются в завершении случая: нет ясных критериев снятия семьи с сопровождения. Организационные трудности — отсутствие транспорта для выездов.",
    "Содержание работы: эмоциональная нагрузка при работе со случаями жестокого обращения, признаки выгорания у опытных специалистов. Организационные: нет отдельного помещения для встреч с семьями.",
    "Трудности в работе с кровными родственниками ребёнка и в подготовке встреч с ними; у новых специалистов — неуверенность в ведении документации.",
    "Разобраны трудные случаи; специалисты отмечают нехватку методических материалов для работы с детьми с ОВЗ и высокую нагрузку в конце квартала.",
]
FEEDBACK = [
    "Семьи отмечают доброжелательность специалистов и доступность консультаций; замечания касаются редких посещений на дому и смены специалиста.",
    "Получатели помощи ценят групповые занятия и помощь в оформлении документов; просят больше консультаций психолога и вечерних встреч.",
    "Большинство отзывов положительные: помощь своевременная, специалисты на связи. Отрицательные отзывы связаны с ожиданием приёма психолога.",
    "Родители отмечают пользу клубных встреч и обмена опытом; просят дистанционные консультации для удалённых сёл.",
    "Отзывы собраны анкетами и телефонным опросом; семьи благодарят за поддержку в кризисных ситуациях, жалуются на формальность части встреч.",
]
SPECIAL = [
    "ребёнок получил травму в быту, проведена внеплановая оценка безопасности, семья переведена на высокий уровень риска",
    "самовольный уход подростка из семьи, подросток возвращён через сутки, с семьёй работает психолог",
    "помещение ребёнка в социально-реабилитационный центр по заявлению матери на время её лечения",
    "выявлен факт жестокого обращения с ребёнком, сведения переданы в органы опеки и полицию",
    "пожар в доме семьи, семье оказана срочная помощь, дети временно у родственников",
    "госпитализация ребёнка с отравлением, проведена проверка условий проживания",
    "угроза возврата ребёнка из приёмной семьи, проведён экстренный консилиум, возврат предотвращён",
]


def pct(x):
    return f"{x * 100:.1f}".replace(".", ",") + " %"


HALF_NAME = {1: "1-е полугодие", 2: "2-е полугодие"}


def platform_stats(units, quarterly, platform, h):
    _, y, hi = h
    qs = [("quarter", y, (hi - 1) * 2 + 1), ("quarter", y, (hi - 1) * 2 + 2)]
    first, last = period_bounds(h)
    members = sorted({r["id"] for r in units if r["level"] == "organization" and parent_on(units, r["id"], last) == platform})
    form = "blood_families" if platform == "platform_blood" else "foster_support"
    st = {"members": members, "families": 0, "positive": 0, "negative": 0, "new": 0, "closed": 0,
          "terminated": 0, "terminated_children": 0, "reasons": []}
    for org in members:
        for q in qs:
            v = quarterly[(form, org, period_text(q))]
            st["families"] += v["families"]
            st["positive"] += v["positive"]
            st["negative"] += v["negative"]
            st["new"] += v["new_families"]
            st["closed"] += v["closed"]
            st["terminated"] += v.get("terminated", 0)
            st["terminated_children"] += v.get("terminated_children", 0)
            if v.get("termination_reasons"):
                st["reasons"].append(v["termination_reasons"])
        lastq = quarterly[(form, org, period_text(qs[-1]))]
        st["served"] = st.get("served", 0) + lastq["on_support"]
        st["served_children"] = st.get("served_children", 0) + lastq["children_on_support"]
    for org in members:
        for q in qs:
            v = quarterly[(form, org, period_text(q))]
            st["served"] += v["closed"]
            st["served_children"] += v["closed_children"]
    return st


def gen_quality(units, quarterly):
    out = {}
    platforms = [r["id"] for r in units if r["level"] == "platform"]
    for platform in platforms:
        blood = platform == "platform_blood"
        used = set()
        prev = None

        def pick(pool, k):
            fresh = [x for x in pool if x not in used] or pool
            chosen = rng.sample(fresh, min(k, len(fresh)))
            used.update(chosen)
            return chosen

        for h in halves():
            _, y, hi = h
            pt = period_text(h)
            st = platform_stats(units, quarterly, platform, h)
            share_pos = st["positive"] / st["families"]
            share_neg = st["negative"] / st["families"]
            factors = pick(FACTORS_BLOOD if blood else FACTORS_FOSTER, 2)
            if y == 2021:
                factors.append("Ограничения очных встреч из-за эпидемиологической обстановки (COVID-19): часть консультаций переведена в телефонный формат.")
            supervisions = rng.randint(3, 9)
            if (platform, pt) == ("platform_foster_north", "2021H1"):
                supervisions = 0
                factors.append("Супервизии в полугодии не проводились: супервизор площадки в отпуске по уходу за ребёнком, замена не найдена.")
            measures = pick(MEASURES_BLOOD if blood else MEASURES_FOSTER, 2)
            if supervisions == 0:
                measures.append("Договориться с Ресурсным центром о проведении супервизий для специалистов площадки во 2-м полугодии.")
            dyn = (f"За {HALF_NAME[hi]} {y} г. в организациях площадки ({len(st['members'])}) обслужено "
                   f"{'семей' if blood else 'замещающих семей'}: {st['served']}, детей в них: {st['served_children']}; "
                   f"новых семей: {st['new']}, снято с сопровождения: {st['closed']}. Положительная динамика отмечена "
                   f"у {pct(share_pos)} семей, отрицательная — у {pct(share_neg)}.")
            if prev is not None:
                d = (share_pos - prev) * 100
                if abs(d) < 0.5:
                    dyn += " Доля семей с положительной динамикой почти не изменилась по сравнению с предыдущим полугодием."
                elif d > 0:
                    dyn += (f" По сравнению с предыдущим полугодием доля семей с положительной динамикой выросла на "
                            f"{abs(d):.1f}".replace(".", ",") + " п. п.; " +
                            rng.choice(["рост связан с обучением специалистов планированию работы со случаем.",
                                        "сказалось раннее выявление семей и снижение доли семей с высоким уровнем риска.",
                                        "специалисты чаще проводят повторную оценку и своевременно корректируют планы."]))
                else:
                    dyn += (f" По сравнению с предыдущим полугодием доля семей с положительной динамикой снизилась на "
                            f"{abs(d):.1f}".replace(".", ",") + " п. п.; " +
                            rng.choice(["причина — смена специалистов в двух организациях и перерывы в работе со случаями.",
                                        "на сопровождение поступило больше семей с высоким уровнем риска.",
                                        "сказались летние отпуска специалистов и сокращение выездов к семьям."]))
            if not blood:
                dyn += f" Случаев прекращения опеки: {st['terminated']}, детей: {st['terminated_children']}."
            if (platform, pt) == ("platform_foster_north", "2022H2"):
                dyn += (" С 1 июля 2022 г. к площадке отнесён Центр социальной помощи семье и детям Молчановского района "
                        "(ранее — площадка южных районов); показатели предыдущих периодов приведены в прежнем составе.")
            if (platform, pt) == ("platform_foster_south", "2022H2"):
                dyn += (" С 1 июля 2022 г. Центр Молчановского района передан на площадку северных районов, "
                        "поэтому число обслуженных семей площадки уменьшилось.")
            prev = share_pos
            special = rng.choice([0, 0, 1, 1, 1, 2, 2, 3])
            feedback = round(st["served"] * U(0.12, 0.28))
            v = {
                "quality_factors": " ".join(factors),
                "planned_measures": " ".join(measures),
                "dynamics_analysis": dyn,
                "special_situations": special,
            }
            if special:
                items = rng.sample(SPECIAL if not blood else [s for s in SPECIAL if "приёмн" not in s], special)
                v["special_description"] = " ".join(f"{i + 1}) {s[0].upper() + s[1:]}." for i, s in enumerate(items))
            v["supervisions"] = supervisions
            v["supervised"] = 0 if supervisions == 0 else rng.randint(supervisions + 2, supervisions * 3 + 2)
            if supervisions:
                v["supervision_summary"] = pick(SUPERVISION, 1)[0]
            if (platform, pt) in [(k[1], k[2]) for k in WARN if k[0] == "quality_report"]:
                v["supervised"] = 0        # filled in by mistake: supervisions held, nobody counted
            v["feedback_collected"] = feedback
            v["feedback_positive"] = round(feedback * U(0.8, 0.95))
            v["feedback_summary"] = (f"Получено отзывов: {feedback}, из них положительных — "
                                     f"{pct(v['feedback_positive'] / feedback)}. " + pick(FEEDBACK, 1)[0])
            if not blood:
                if st["terminated"]:
                    reasons = []
                    for r in st["reasons"]:
                        for part in r.split("; "):
                            part = part[0].lower() + part[1:]
                            if part not in reasons and not part.startswith("прочие"):
                                reasons.append(part)
                    v["termination_analysis"] = (f"Проанализированы случаи прекращения опеки: {st['terminated']}. "
                                                 f"{'Причины' if len(reasons) <= 3 else 'Основные причины'}: {'; '.join(reasons[:3])}. " +
                                                 rng.choice(["В большинстве случаев семья находилась на базовом уровне сопровождения, кризис не был выявлен вовремя.",
                                                             "Часть случаев связана с благоприятным исходом (усыновление, возвращение в кровную семью).",
                                                             "Возвраты подростков требуют отдельного разбора с органами опеки."]))
                else:
                    v["termination_analysis"] = "Случаев прекращения опеки за полугодие не было."
            out[("quality_report", platform, pt)] = v
    return out


# ---- dates of submission ------------------------------------------------------------------

def submitted_dates(deadlines, units, keys):
    """(form, unit, period) -> ISO date. Forms of one unit and quarter usually go together."""
    base = {}
    out = {}
    for key in sorted(keys):
        form, unit, pt = key
        p = parse_period(pt)
        lvl = level_of(units, unit)
        due = due_date(deadlines, form, lvl, p)
        _, end = period_bounds(p)
        if key in LATE:
            out[key] = LATE[key]
            continue
        if key in ON_DUE_DAY:
            out[key] = due.isoformat()
            continue
        pkg = (unit, pt)
        if pkg not in base or rng.random() < 0.15:
            days = rng.randint(1, 5)
            d = max(due - dt.timedelta(days=days), end + dt.timedelta(days=1))
            if pkg not in base:
                base[pkg] = d
        else:
            d = base[pkg]
        if d >= due:
            d = due - dt.timedelta(days=1)
        out[key] = d.isoformat()
    return out


# ======================================================================================
# Writing and checking
# ======================================================================================

FORM_ORDER = ["blood_families", "foster_school", "foster_support", "staff", "quality_report"]


def ordered_values(form, v):
    out = {}
    for name, fld in form.fields.items():
        if name in v:
            out[name] = {c: v[name][c] for c in ENUMS[fld.by]} if fld.by else v[name]
    assert set(out) == set(v), set(v) - set(out)
    return out


def sort_key(k):
    form, unit, pt = k
    p = parse_period(pt)
    _, end = period_bounds(p)
    return (end, FORM_ORDER.index(form), unit)


def jline(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write(path, data, binary=False):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    if binary:
        with open(full, "wb") as f:
            f.write(data)
    else:
        with open(full, "w", encoding="utf-8", newline="") as f:
            f.write(data)


def staff_csv(form, rows, encoding=None):
    cols = [n for n, f in form.fields.items() if not f.calc]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["form", "unit", "period", "submitted_at"] + cols)
    for sub in rows:
        w.writerow([sub["form"], sub["unit"], sub["period"], sub["submitted_at"]] +
                   ["" if sub["values"].get(c) is None else sub["values"][c] for c in cols])
    return buf.getvalue()


def read_csv_back(text, form):
    """Read a CSV back the way mera is expected to: empty cell = no value, ints by the field type."""
    subs = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        vals = {}
        for name, cell in row.items():
            if name in ("form", "unit", "period", "submitted_at") or cell == "":
                continue
            vals[name] = int(cell) if form.fields[name].type == "int" else cell
        subs.append({"form": row["form"], "unit": row["unit"], "period": row["period"],
                     "submitted_at": row["submitted_at"], "values": vals})
    return subs


def wrong_lines():
    """(submission or raw text, the one rule it breaks). Periods of 2023 so that nothing here
    collides with the sample data when both are loaded into one database."""
    def blood(unit, families=40, period="2023Q1", submitted="2023-04-03", **over):
        v = {"families": families, "children": 84,
             "by_risk": {"low": 15, "medium": 16, "high": 9},
             "new_families": 12, "new_children": 25, "closed": 10, "closed_children": 21,
             "on_support": 30, "children_on_support": 63,
             "positive": 26, "negative": 2, "reopened": 1, "long_work": 5}
        v.update(over)
        return {"form": "blood_families", "unit": unit, "period": period, "submitted_at": submitted, "values": v}

    quality = {"quality_factors": "Высокая нагрузка на специалистов.",
               "planned_measures": "Семинар по планированию работы со случаем.",
               "dynamics_analysis": "Доля семей с положительной динамикой не изменилась.",
               "special_situations": 0, "supervisions": 4, "supervised": 9,
               "supervision_summary": "Трудности в оценке рисков.",
               "feedback_collected": 50, "feedback_positive": 44,
               "feedback_summary": "Семьи довольны помощью."}
    foster = {"families": 120, "children": 178,
              "by_level": {"basic": 80, "intensive": 30, "crisis": 10},
              "new_families": 20, "new_children": 29, "closed": 15, "closed_children": 22,
              "on_support": 105, "children_on_support": 156, "positive": 80, "negative": 3,
              "reopened": 1, "long_work": 45, "terminated": 0, "terminated_children": 0}
    school = {"enrolled": 10, "graduated": 8, "certificates": 8, "dropped": 1, "studying": 5,
              "families_formed": 3, "children_placed": 4}
    staff = {"specialists": 6, "higher_education": 5, "vacancies": 1, "trained": 2,
             "new_specialists": 1, "new_trained": 1, "cases": 75}

    L = []
    L.append((blood("org01", families="40"), "type", "an int given as a string: families \"40\""))
    L.append((blood("org02", long_work=-2), "bound", "a negative count: long_work -2 (int >= 0)"))
    L.append((blood("org03", by_risk={"low": 15, "medium": 16, "high": 11}), "check",
              "by_risk adds up to 42, families is 40: check sum(by_risk) == families"))
    L.append((blood("org04", by_risk={"low": 24, "medium": 16}), "breakdown_missing",
              "by_risk without the category high (low + medium = families, so no check fails)"))
    L.append((blood("org05", by_risk={"low": 15, "medium": 16, "high": 9, "critical": 0}), "breakdown_unknown",
              "by_risk with a category critical that the enum risk does not have"))
    s = {("enroled" if k == "enrolled" else k): v for k, v in school.items()}
    L.append(({"form": "foster_school", "unit": "org12", "period": "2023Q1", "submitted_at": "2023-04-04", "values": s},
              "unknown_field", "a misspelled field: enroled (enrolled is in no check, so nothing else fails)"))
    q = dict(quality)
    del q["quality_factors"]
    L.append(({"form": "quality_report", "unit": "platform_blood", "period": "2023H1", "submitted_at": "2023-07-12", "values": q},
              "required", "quality_report without the required quality_factors"))
    f = dict(foster, termination_reasons="Возврат ребёнка по заявлению опекуна")
    L.append(({"form": "foster_support", "unit": "org11", "period": "2023Q1", "submitted_at": "2023-04-03", "values": f},
              "when_false", "termination_reasons given while terminated is 0 (when terminated > 0)"))
    st = dict(staff, caseload=12.5)
    L.append(({"form": "staff", "unit": "org01", "period": "2023Q1", "submitted_at": "2023-04-03", "values": st},
              "calculated", "a value for the calculated field staff.caseload (= cases / specialists), even a correct one"))
    L.append((blood("platform_blood"), "unit_level", "a platform submits blood_families (by organization)"))
    L.append((blood("org24"), "unknown_unit", "unit org24 is not in units.csv"))
    L.append(({"form": "quality_report", "unit": "platform_foster_south", "period": "2023Q1", "submitted_at": "2023-04-10",
               "values": quality}, "period_kind", "quality_report (half_year) for a quarter, 2023Q1"))
    L.append((blood("org06", period="2023H1", submitted="2023-07-03"), "period_kind",
              "blood_families (quarter) for a half-year, 2023H1"))
    L.append((blood("org07", period="2023Q5"), "period_malformed", "a malformed period 2023Q5"))
    L.append(({"form": "family_support", "unit": "org08", "period": "2023Q1", "submitted_at": "2023-04-03",
               "values": {"families": 40}}, "unknown_form", "an unknown form family_support"))
    L.append((blood("org09"), None, "valid on its own: the first of a pair"))
    L.append((blood("org09", submitted="2023-04-04"), "duplicate",
              "the same form, unit and period as the line before (blood_families, org09, 2023Q1)"))
    L.append((blood("org10", positive=36, negative=6), "check",
              "positive 36 + negative 6 > families 40: check positive + negative <= families"))
    return L


def main():
    global ENUMS
    enums, forms, deadlines, levels = read_model(MODEL_DIR)
    ENUMS = enums
    units = read_units(os.path.join(MODEL_DIR, "units.csv"))

    # ---- the unit tree is what the task and the model say ----
    assert levels == ["organization", "platform", "center", "department"], levels
    ids = {r["id"] for r in units}
    for r in units:
        assert r["level"] in levels
        if r["level"] == "department":
            assert r["parent"] == ""
        else:
            assert level_of(units, r["parent"]) == levels[levels.index(r["level"]) + 1], r
        assert r["from"] >= "2020-06-10" and (r["to"] == "" or r["to"] >= r["from"])
    orgs = sorted(i for i in ids if level_of(units, i) == "organization")
    assert orgs == sorted(BLOOD_STOCK) + sorted(FOSTER_STOCK) and len(orgs) == 23
    for o in BLOOD_STOCK:
        assert parent_on(units, o, dt.date(2021, 1, 1)) == "platform_blood"
    for o in FOSTER_STOCK:
        for day in (dt.date(2021, 1, 1), dt.date(2022, 12, 31)):
            assert parent_on(units, o, day) in ("platform_foster_south", "platform_foster_north")
    assert parent_on(units, "org16", dt.date(2022, 6, 30)) == "platform_foster_south"
    assert parent_on(units, "org16", dt.date(2022, 7, 1)) == "platform_foster_north"

    # ---- generate ----
    quarterly = gen_org_quarterly(units)
    quarterly.update(gen_staff(quarterly))
    quarterly.update(gen_quality(units, quarterly))
    dates = submitted_dates(deadlines, units, quarterly.keys())

    # ---- flows and stocks: on support at the end of a quarter is carried into the next ----
    for form in ("blood_families", "foster_support"):
        for org in orgs:
            prev = None
            for p in quarters():
                v = quarterly.get((form, org, period_text(p)))
                if v is None:
                    continue
                if prev is not None:
                    assert v["families"] == prev["on_support"] + v["new_families"]
                    assert v["children"] == prev["children_on_support"] + v["new_children"]
                assert v["new_children"] >= v["new_families"]
                prev = v

    # ---- validate every submission; warnings only where planned ----
    validator = Validator(enums, forms, units)
    subs = []
    for key in sorted(quarterly, key=sort_key):
        form, unit, pt = key
        subs.append({"form": form, "unit": unit, "period": pt, "submitted_at": dates[key],
                     "values": ordered_values(forms[form], quarterly[key])})
    warned = {}
    for sub in subs:
        errs, warns = validator.validate(sub)
        assert not errs, (sub["form"], sub["unit"], sub["period"], errs)
        validator.strict_checks(sub)
        if warns:
            warned[(sub["form"], sub["unit"], sub["period"])] = warns
    assert set(warned) == set(WARN), (sorted(warned), sorted(WARN))
    for key, text in WARN.items():
        form = forms[key[0]]
        assert any(c[0] and c[1] == text for c in form.checks), f"no warning check `{text}` in {key[0]}"
        assert len(warned[key]) == 1, warned[key]

    # ---- late and on-time ----
    late = []
    for sub in subs:
        key = (sub["form"], sub["unit"], sub["period"])
        due = due_date(deadlines, sub["form"], level_of(units, sub["unit"]), parse_period(sub["period"]))
        got = dt.date.fromisoformat(sub["submitted_at"])
        _, end = period_bounds(parse_period(sub["period"]))
        assert got > end, key
        if got > due:
            late.append((key, sub["submitted_at"], due.isoformat(), (got - due).days))
            assert 1 <= (got - due).days <= 10
    assert {k for k, *_ in late} == set(LATE), late
    overdue = [k for k, s, d, _ in late if d == "2022-01-10" and s > "2022-01-12"]
    assert len([k for k in overdue if k[0] == "blood_families"]) >= 2

    # ---- expected submissions: every unit, every period ----
    counts = {}
    for sub in subs:
        counts[sub["form"]] = counts.get(sub["form"], 0) + 1
    assert counts == {"blood_families": 80, "foster_school": 104, "foster_support": 104,
                      "staff": 184, "quality_report": 12}, counts

    # ---- write the sample data ----
    staff_form = forms["staff"]
    for year in YEARS:
        lines = [jline(s) for s in subs if s["form"] != "staff" and s["period"].startswith(str(year))]
        write(f"{year}.jsonl", "\n".join(lines) + "\n")
        rows = [s for s in subs if s["form"] == "staff" and s["period"].startswith(str(year))]
        text = staff_csv(staff_form, rows)
        back = read_csv_back(text, staff_form)
        assert [jline(b) for b in back] == [jline(r) for r in rows], "staff CSV does not read back"
        assert any('"' in line and '""' in line for line in text.splitlines()), "no quote escaping exercised"
        write(f"staff_{year}.csv", text)

    # ---- wrong submissions: each breaks exactly its one rule ----
    wv = Validator(enums, forms, units)
    out = []
    for n, (sub, code, why) in enumerate(wrong_lines(), 1):
        errs, warns = wv.validate(sub)
        codes = [c for c, _ in errs]
        assert codes == ([code] if code else []), (n, why, errs)
        assert not warns, (n, warns)
        out.append(jline(sub))
    write("wrong/wrong.jsonl", "\n".join(out) + "\n")

    good = [
        {"form": "blood_families", "unit": "org01", "period": "2023Q2", "submitted_at": "2023-07-03",
         "values": {"families": 40, "children": 84, "by_risk": {"low": 15, "medium": 16, "high": 9}}},
        {"form": "blood_families", "unit": "org02", "period": "2023Q2", "submitted_at": "2023-07-03",
         "values": {"families": 40, "children": 84, "by_risk": {"low": 15, "medium": 16, "high": 9}}},
        {"form": "blood_families", "unit": "org03", "period": "2023Q2", "submitted_at": "2023-07-04",
         "values": {"families": 40, "children": 84, "by_risk": {"low": 15, "medium": 16, "high": 9}}},
    ]
    broken = [jline(g) for g in good]
    assert '"families":40,"children":84' in broken[1]
    broken[1] = broken[1].replace('"families":40,"children":84', '"families":40 "children":84')
    for i, line in enumerate(broken):
        if i == 1:
            try:
                json.loads(line)
                raise AssertionError("broken.json line 2 parses")
            except json.JSONDecodeError as e:
                assert (e.lineno, e.colno) == (1, line.index('"children"') + 1), (e.lineno, e.colno)
        else:
            json.loads(line)
    write("wrong/broken.json", "\n".join(broken) + "\n")

    bad = {"form": "staff", "unit": "org02", "period": "2023Q1", "submitted_at": "2023-04-03",
           "values": {"specialists": 6, "higher_education": 5, "vacancies": 1, "trained": 2,
                      "new_specialists": 1, "new_trained": 1, "cases": 75,
                      "training_needs": "Работа с подростками, профилактика самовольных уходов"}}
    assert wv.validate(bad) == ([], [])
    raw = staff_csv(staff_form, [bad]).encode("cp1251")
    try:
        raw.decode("utf-8")
        raise AssertionError("not_utf8.csv decodes as UTF-8")
    except UnicodeDecodeError:
        pass
    write("wrong/not_utf8.csv", raw, binary=True)

    # ---- the review workflow: returns, corrections, acceptances and forwards ----
    for o in BLOOD_STOCK:
        assert forms_of(units, o) == {"blood_families", "staff"}, o
    for o in FOSTER_STOCK:
        assert forms_of(units, o) == {"foster_school", "foster_support", "staff"}, o
    corrections, reviews = gen_workflow(subs, units, deadlines, forms, enums)
    write("workflow/corrections.jsonl", "\n".join(jline(c) for c in corrections) + "\n")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(REVIEW_COLUMNS)
    for r in reviews:
        w.writerow([r[c] for c in REVIEW_COLUMNS])
    write("workflow/reviews.csv", buf.getvalue())

    # ---- summary for the README ----
    print(f"units: {len(units)} rows, {len(ids)} units")
    for year in YEARS:
        n = sum(1 for s in subs if s['form'] != 'staff' and s['period'].startswith(str(year)))
        m = sum(1 for s in subs if s['form'] == 'staff' and s['period'].startswith(str(year)))
        print(f"{year}.jsonl: {n} submissions; staff_{year}.csv: {m} rows")
    print(f"wrong/wrong.jsonl: {len(out)} lines")
    print("late:")
    for key, s, d, days in sorted(late, key=lambda x: x[1]):
        print(f"  {key[1]} {key[0]} {key[2]}: submitted {s}, due {d}, {days} days late")
    print("on the due day:", sorted(ON_DUE_DAY))
    print("warnings:")
    for key, w in sorted(warned.items()):
        print(f"  {key[1]} {key[0]} {key[2]}: {w[0]}")
    for form in ("blood_families", "foster_support"):
        for year in YEARS:
            qs = [s["values"] for s in subs if s["form"] == form and s["period"].startswith(str(year))]
            last = [s["values"] for s in subs if s["form"] == form and s["period"] == f"{year}Q4"]
            served = sum(v["on_support"] for v in last) + sum(v["closed"] for v in qs)
            children = sum(v["children_on_support"] for v in last) + sum(v["closed_children"] for v in qs)
            pos = sum(v["positive"] for v in qs) / sum(v["families"] for v in qs)
            neg = sum(v["negative"] for v in qs) / sum(v["families"] for v in qs)
            reo = sum(v["reopened"] for v in qs) / sum(v["new_families"] for v in qs)
            print(f"{form} {year}: served {served} families, {children} children; positive {pos:.1%}, "
                  f"negative {neg:.1%}, reopened among new {reo:.1%}")
    print(f"workflow/corrections.jsonl: {len(corrections)} corrections; workflow/reviews.csv: {len(reviews)} steps "
          f"({sum(r['action'] == 'accept' for r in reviews)} accept, {sum(r['action'] == 'return' for r in reviews)} return, "
          f"{sum(r['action'] == 'forward' for r in reviews)} forward)")
    for r in reviews:
        if r["action"] == "return":
            print(f"  returned {r['form']} {r['unit']} {r['period']} by {r['as']} on {r['at']}: {r['reason']}")
    for c in corrections:
        print(f"  corrected {c['form']} {c['unit']} {c['period']} on {c['submitted_at']}")
    for key, (at, due) in sorted(LATE_FORWARDS_SEEN.items()):
        print(f"  forwarded late: {key[1]} {key[0]} {key[2]} on {at}, due {due}")
    fam_q = sorted(s["values"]["families"] for s in subs if s["form"] in ("blood_families", "foster_support"))
    print(f"families per org-quarter: min {fam_q[0]}, median {fam_q[len(fam_q) // 2]}, max {fam_q[-1]}")


# ======================================================================================
# The review workflow (workflow/): what the units above did with the reports
# ======================================================================================

wf_rng = random.Random(SEED + 5)   # its own generator: the submissions above stay as they were

REVIEW_COLUMNS = ["form", "unit", "period", "action", "as", "reason", "user", "at"]

# Who works the workflow at each reviewing unit (the --user of mera review).
REVIEWERS = {"platform_blood": "petrova", "platform_foster_south": "sidorova",
             "platform_foster_north": "kuznetsova", "center": "ivanova"}

# Reports the unit above returns for correction: (form, unit, period) -> (reason, returned on,
# corrected on (None: still not corrected when the data ends), the correction). A date of None
# for the return means the day after the report came; a correction comes two days after it.
RETURNS = {
    ("blood_families", "org05", "2021Q4"): (
        "Распределение семей по уровням риска не совпадает с журналом учёта случаев: "
        "две семьи высокого риска указаны как семьи среднего риска. Исправьте разбивку.",
        "2022-01-11", "2022-01-13",
        lambda v: v["by_risk"].update(medium=v["by_risk"]["medium"] - 2, high=v["by_risk"]["high"] + 2)),
    ("foster_school", "org14", "2021Q2"): (
        "Выдано 4 свидетельства на 5 выпускников: каждому выпускнику ШПР выдаётся свидетельство. "
        "Уточните число выданных свидетельств.",
        None, "after", lambda v: v.update(certificates=v["graduated"])),
    ("quality_report", "platform_blood", "2022H2"): (
        "Проведено 3 супервизии, но не указано, сколько специалистов их получили: "
        "заполните поле «Специалистов, получивших супервизию».",
        None, "after", lambda v: v.update(supervised=7)),
    ("foster_support", "org21", "2022Q4"): (
        "Число семей с положительной динамикой не сходится с картами сопровождения семей: "
        "сверьте с картами и исправьте.",
        None, None, None),
}

# A forward that comes late on purpose: org09's blood_families 2022Q3 came on the platform's own
# due date, so platform_blood sends the quarter on to the center three days late.
LATE_FORWARDS = {("blood_families", "platform_blood", "2022Q3"): "2022-10-18"}
LATE_FORWARDS_SEEN = {}


def day(text):
    return dt.date.fromisoformat(text)


def hop_due(deadlines, form, level, pt):
    return due_date(deadlines, form, level, parse_period(pt))


def gen_workflow(subs, units, deadlines, forms, enums):
    """(corrections, review steps). Each report is accepted by the unit above it (a few returned
    first); each platform forwards its quarter once everything below is accepted; the center
    forwards the platforms' half-year reports to the department."""
    corrections, steps = [], []
    accepted = {}   # (form, unit, period) -> the day it was accepted
    for sub in subs:
        key = (sub["form"], sub["unit"], sub["period"])
        p = parse_period(sub["period"])
        _, end = period_bounds(p)
        above = parent_on(units, sub["unit"], end)
        due_above = hop_due(deadlines, sub["form"], level_of(units, above), sub["period"])
        came = day(sub["submitted_at"])

        def step(action, at, reason=""):
            steps.append({"form": sub["form"], "unit": sub["unit"], "period": sub["period"], "action": action,
                          "as": above, "reason": reason, "user": REVIEWERS[above], "at": at.isoformat()})

        if key in RETURNS:
            reason, returned, corrected, change = RETURNS[key]
            back = day(returned) if returned else came + dt.timedelta(days=1)
            assert back >= came, key
            step("return", back, reason)
            if corrected is None:
                continue                      # still waiting for the correction when the data ends
            again = day(corrected) if corrected != "after" else back + dt.timedelta(days=2)
            values = json.loads(json.dumps(sub["values"]))
            change(values)
            fixed = {"form": sub["form"], "unit": sub["unit"], "period": sub["period"],
                     "submitted_at": again.isoformat(), "values": ordered_values(forms[sub["form"]], values)}
            errs, warns = Validator(enums, forms, units).validate(fixed)
            assert not errs and not warns, (key, errs, warns)
            corrections.append({"form": fixed["form"], "unit": fixed["unit"], "period": fixed["period"], "correction": True,
                                "submitted_at": fixed["submitted_at"], "values": fixed["values"]})
            came = again
        at = came + dt.timedelta(days=wf_rng.randint(1, 3))
        at = max(came, min(at, due_above - dt.timedelta(days=1)))   # in time for the unit's own forward
        step("accept", at)
        accepted[key] = at

    # forwards: a unit above the submitters, for each form and period it has reports of
    groups = {}
    for (form, unit, pt), at in accepted.items():
        _, end = period_bounds(parse_period(pt))
        above = parent_on(units, unit, end)
        groups.setdefault((form, above, pt), []).append(at)
    waiting = {(f, parent_on(units, u, period_bounds(parse_period(pt))[1]), pt)
               for (f, u, pt), (_, _, c, _) in RETURNS.items() if c is None}
    for (form, unit, pt), days in sorted(groups.items()):
        if (form, unit, pt) in waiting:
            continue                          # a report below is still returned: nothing to forward
        level = level_of(units, unit)
        if not any(f == form and s == level for (f, s, _) in deadlines):
            continue                          # no hop declared from this level for the form
        due = hop_due(deadlines, form, level, pt)
        last = max(days)
        at = min(last + dt.timedelta(days=wf_rng.randint(0, 2)), max(due, last))
        if (form, unit, pt) in LATE_FORWARDS:
            at = day(LATE_FORWARDS[(form, unit, pt)])
            LATE_FORWARDS_SEEN[(form, unit, pt)] = (at.isoformat(), due.isoformat())
            assert at > due and at >= last
        else:
            assert at <= due, (form, unit, pt, at, due)
        steps.append({"form": form, "unit": unit, "period": pt, "action": "forward", "as": unit, "reason": "",
                      "user": REVIEWERS[unit], "at": at.isoformat()})
    assert set(LATE_FORWARDS_SEEN) == set(LATE_FORWARDS)

    # On 2022-01-12 org05's blood_families 2021Q4 is returned and not yet corrected.
    r = next(s for s in steps if s["action"] == "return" and s["unit"] == "org05")
    assert r["at"] <= "2022-01-12" and RETURNS[("blood_families", "org05", "2021Q4")][2] > "2022-01-12"
    order = {"return": 0, "accept": 0, "forward": 1}   # a unit forwards after it has accepted
    steps.sort(key=lambda x: (x["at"], order[x["action"]], x["form"], x["unit"], x["period"]))
    return corrections, steps


ENUMS = {}

if __name__ == "__main__":
    main()

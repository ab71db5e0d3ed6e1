#!/usr/bin/env python3
"""Counts, per response schema and property, in how many real instances the property is present.

    python3 spec/audit_required.py                  # the table for xcover-2.16.0.yaml
    python3 spec/audit_required.py --version 2.152.1
    python3 spec/audit_required.py --check          # exit 1 if a `required` list breaks the rule

Evidence:

- every response body of the 2019 recordings (`tests/fixtures/recordings-2019/`), matched to its
  operation and status in the document, and walked along the response schema;
- the example payload of each webhook event in the opening of the official API reference
  (`../shared/seed/xcover-api-reference-intro.txt`), when that file is there.

An object counts as an instance of the schema it is reached through; a `null` is no instance.
The rule (spec/README.md, "Required response fields"): a response property is `required` only
where it is present in every counted instance of its schema, and never when it is a block of the
partner's own configuration. A schema with no counted instance is listed with its `required`
list, which the README justifies from the other sources. Request schemas are not audited. Needs
Python 3.8+ and PyYAML.
"""

import ast
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # importing generate.py must leave no __pycache__ in spec/
from generate import VERSIONS  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RECORDINGS = ROOT / "tests" / "fixtures" / "recordings-2019"
REFERENCE_INTRO = ROOT.parent / "shared" / "seed" / "xcover-api-reference-intro.txt"

# Blocks describing the partner's own account, which differs from one partner to the next: a
# property holding one of these is never required, and neither is any property of a schema
# below without a counted instance.
PARTNER_CONFIGURATION = {"Partner", "PartnerEmail"}
PARTNER_CONFIGURATION_PROPERTIES = {"partner", "subsidiary", "emails", "attributes"}


def load(version):
    return yaml.safe_load((HERE / f"xcover-{version}.yaml").read_text(encoding="utf-8"))


def ref_name(schema):
    """The component a property schema points at, through `allOf`/`nullable` wrapping."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if len(schema.get("allOf", [])) == 1:
        return ref_name(schema["allOf"][0])
    return None


def matches(template, path):
    t, p = template.split("/"), path.split("/")
    return len(t) == len(p) and all(
        (a.startswith("{") and a.endswith("}") and b) or a == b for a, b in zip(t, p))


def recorded_responses():
    """(file, method, path, status, body) of every recorded response with a JSON body."""
    for file in sorted(RECORDINGS.glob("*.json")):
        if file.name.startswith("sample-"):
            continue
        for entry in json.loads(file.read_text(encoding="utf-8")):
            url = entry["request"]["url"]
            path = url[url.index("/partners/"):].split("?")[0]
            body = entry["response"].get("body") or ""
            if not body.strip():
                continue
            yield (file.name, entry["request"]["method"].lower(), path,
                   entry["response"]["status"]["code"], json.loads(body))


def webhook_examples():
    """(event, body) of each webhook example of the reference, or nothing without the file."""
    if not REFERENCE_INTRO.exists():
        return []
    text = REFERENCE_INTRO.read_text(encoding="utf-8")
    out = []
    for start in (m.end() for m in re.finditer(r"Example:\n", text)):
        depth, end = 0, start
        for end, char in enumerate(text[start:], start):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0:
                break
        value = ast.literal_eval(re.sub(r"\bnull\b", "None", text[start:end + 1]))
        out.append((value["event"], json.loads(json.dumps(value))))
    return out


class Counter:
    def __init__(self, doc):
        self.schemas = doc["components"]["schemas"]
        self.instances = defaultdict(int)                      # schema -> objects seen
        self.present = defaultdict(lambda: defaultdict(int))   # schema -> property -> present

    def walk(self, schema, value):
        """Walks `value` along `schema`, counting every object reached through a component."""
        if value is None:
            return
        name = ref_name(schema)
        if name:
            self.walk_component(name, value)
        elif schema.get("x-index-keyed-array"):
            items = value.values() if isinstance(value, dict) else value
            for item in items:
                self.walk(schema["oneOf"][0]["items"], item)
        elif schema.get("type") == "array" and isinstance(value, list):
            for item in value:
                self.walk(schema["items"], item)

    def walk_component(self, name, value):
        schema = self.schemas[name]
        if not isinstance(value, dict) or "properties" not in schema:
            return
        self.instances[name] += 1
        for prop, prop_schema in schema["properties"].items():
            if prop in value:
                self.present[name][prop] += 1
                self.walk(prop_schema, value[prop])

    def count(self, doc):
        """Walks every recorded response and webhook example. Returns how many of each were
        walked, and the recordings that match no documented response."""
        recorded, examples, unmatched = 0, 0, []
        for file, method, path, status, body in recorded_responses():
            operation = None
            for template, item in doc["paths"].items():
                if matches(template, path) and method in item:
                    operation = item[method]
            if operation is None:
                if path.rstrip("/").count("/") > 2:  # not the SDK's plumbing tests
                    unmatched.append(f"{file}: {method.upper()} {path}")
                continue
            response = operation["responses"].get(status)
            if response is None:
                unmatched.append(f"{file}: {method.upper()} {path} -> {status}")
                continue
            if "$ref" in response:
                response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
            self.walk(response["content"]["application/json"]["schema"], body)
            recorded += 1
        for event, body in webhook_examples():
            content = doc["x-webhooks"][event]["post"]["requestBody"]["content"]
            self.walk(content["application/json"]["schema"], body)
            examples += 1
        return recorded, examples, unmatched


def response_schemas(doc):
    """Components reachable from a response or a webhook body, in document order."""
    schemas = doc["components"]["schemas"]
    roots = []
    for item in doc["paths"].values():
        for operation in item.values():
            for response in operation["responses"].values():
                if "$ref" in response:
                    response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                if "content" in response:
                    roots.append(response["content"]["application/json"]["schema"])
    for item in doc["x-webhooks"].values():
        roots.append(item["post"]["requestBody"]["content"]["application/json"]["schema"])
    seen = set()

    def visit(schema):
        if isinstance(schema, dict):
            name = ref_name(schema) if "$ref" in schema else None
            if name:
                if name not in seen:
                    seen.add(name)
                    visit(schemas[name])
                return
            for value in schema.values():
                visit(value)
        elif isinstance(schema, list):
            for value in schema:
                visit(value)

    for r in roots:
        visit(r)
    return [n for n in schemas if n in seen and "properties" in schemas[n]]


def audit(version):
    """The table lines and the rule violations of one document."""
    doc = load(version)
    counter = Counter(doc)
    recorded, examples, unmatched = counter.count(doc)
    # The recordings are of the 2019 API: a property its document lacks can't be counted.
    oldest = load(VERSIONS[0])["components"]["schemas"]
    lines = [f"xcover-{version}.yaml: instances where the property is present / instances "
             f"of its schema, in {recorded} recorded response bodies and {examples} webhook "
             f"examples; - where the 2019 API had no such property"]
    violations = [f"{version}: unmatched recording {u}" for u in unmatched]
    for name in response_schemas(doc):
        schema = doc["components"]["schemas"][name]
        required = set(schema.get("required", []))
        total = counter.instances[name]
        lines.append(f"{name}: {total} instances" if total else
                     f"{name}: no counted instance")
        width = max(len(p) for p in schema["properties"])
        for prop, prop_schema in schema["properties"].items():
            present = counter.present[name][prop]
            state = "required" if prop in required else "optional"
            countable = total and prop in oldest.get(name, {}).get("properties", {})
            counted = f"{present}/{total}" if countable else "-"
            lines.append(f"  {prop:<{width}}  {counted:>7}  {state}")
            if prop not in required:
                continue
            if countable and present < total:
                violations.append(f"{version}: {name}.{prop} is required but present in only "
                                  f"{present} of {total} instances")
            if prop in PARTNER_CONFIGURATION_PROPERTIES or (
                    ref_name(prop_schema.get("items", prop_schema)) in PARTNER_CONFIGURATION):
                violations.append(f"{version}: {name}.{prop} is partner configuration but "
                                  f"required")
            if not total and name in PARTNER_CONFIGURATION:
                violations.append(f"{version}: {name}.{prop} is required in a partner "
                                  f"configuration block without a counted instance")
    return lines, violations


def main(argv):
    if "--check" in argv:
        violations = [v for version in VERSIONS for v in audit(version)[1]]
        for v in violations:
            print(v)
        if not REFERENCE_INTRO.exists():
            print(f"note: {REFERENCE_INTRO.name} not found; webhook examples not counted")
        return 1 if violations else 0
    version = argv[argv.index("--version") + 1] if "--version" in argv else VERSIONS[0]
    lines, violations = audit(version)
    print("\n".join(lines))
    for v in violations:
        print("VIOLATION " + v)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

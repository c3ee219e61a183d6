#!/usr/bin/env python3
"""Checks Protos/swiftlet/fleet/*.proto against the message descriptors flwr ships: same package, message and
enum names, field names, numbers, types and labels. Needs protoc and flwr (pip install "flwr==1.40.0").

    python3 scripts/check-fleet-protos.py
"""
import pathlib, subprocess, sys, tempfile
from google.protobuf import descriptor_pb2 as d
from flwr.proto import fleet_pb2, heartbeat_pb2, message_pb2

root = pathlib.Path(__file__).resolve().parent.parent
with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "ours.pb"
    protos = sorted(str(p.relative_to(root / "Protos")) for p in (root / "Protos/swiftlet/fleet").glob("*.proto"))
    subprocess.run(["protoc", f"--descriptor_set_out={out}", *protos], cwd=root / "Protos", check=True)
    ours = d.FileDescriptorSet()
    ours.ParseFromString(out.read_bytes())

theirs = {}
def walk(fd):
    base = fd.name.split("/")[-1]
    if base in theirs: return
    p = d.FileDescriptorProto(); fd.CopyToProto(p); theirs[base] = p
    for dep in fd.dependencies: walk(dep)
for module in (fleet_pb2, heartbeat_pb2, message_pb2): walk(module.DESCRIPTOR)

def shape(messages):
    return [(m.name, [(f.name, f.number, f.type, f.label, f.type_name, f.proto3_optional, f.oneof_index if f.HasField("oneof_index") else None) for f in m.field],
             shape(m.nested_type), [(e.name, [(v.name, v.number) for v in e.value]) for e in m.enum_type]) for m in messages]

problems = 0
for p in ours.file:
    base = p.name.split("/")[-1]
    t = theirs.get(base)
    if t is None:
        print(f"{base}: flwr has no such file"); problems += 1; continue
    if p.package != t.package: print(f"{base}: package {p.package} != {t.package}"); problems += 1
    if shape(p.message_type) != shape(t.message_type): print(f"{base}: messages differ"); problems += 1
    if [(e.name, [(v.name, v.number) for v in e.value]) for e in p.enum_type] != [(e.name, [(v.name, v.number) for v in e.value]) for e in t.enum_type]:
        print(f"{base}: enums differ"); problems += 1
missing = set(theirs) - {p.name.split("/")[-1] for p in ours.file}
for base in sorted(missing): print(f"{base}: missing here"); problems += 1
print(f"{len(ours.file)} files checked against flwr: {'OK' if problems == 0 else f'{problems} differences'}")
sys.exit(1 if problems else 0)

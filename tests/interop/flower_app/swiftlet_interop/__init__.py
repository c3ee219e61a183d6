"""Flower app used by Swiftlet's interop test (tests/interop/run.sh)."""

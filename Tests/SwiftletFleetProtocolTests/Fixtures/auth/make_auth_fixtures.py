#!/usr/bin/env python3
"""Write the node-authentication interop fixtures with Flower's own signing code.

Run from this directory with the Python that has flwr 1.40 installed:

    python3 make_auth_fixtures.py            # (re)generate every fixture file here
    python3 make_auth_fixtures.py verify PUBLIC_KEY_B64 TIMESTAMP SIGNATURE_B64
                                             # check headers a Swift node produced, as a SuperLink would

Keys are random, so regenerating changes every file; the Swift tests read whatever is here.
"""

import base64
import datetime
import hashlib
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from flwr.supercore.date import now
from flwr.supercore.primitives.asymmetric import (
    bytes_to_public_key,
    generate_key_pairs,
    private_key_to_bytes,
    public_key_to_bytes,
    sign_message,
    verify_signature,
)

HERE = Path(__file__).resolve().parent


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def openssh_line(public_key: ec.EllipticCurvePublicKey, comment: str) -> str:
    line = public_key.public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    ).decode("ascii")
    return f"{line} {comment}"


def write(name: str, text: str) -> None:
    (HERE / name).write_text(text, encoding="ascii")


def generate() -> None:
    # The node's key pair and one signed request, exactly as a Flower 1.40 SuperNode makes them.
    private_key, public_key = generate_key_pairs()
    public_bytes = public_key_to_bytes(public_key)
    timestamp = now().isoformat()
    signature = sign_message(private_key, timestamp.encode("ascii"))
    write("flower_p384_private.pem", private_key_to_bytes(private_key).decode("ascii"))
    write("flower_p384_public.pem", public_bytes.decode("ascii"))
    write("flower_p384.pub", openssh_line(public_key, "flower-node") + "\n")
    ssh_blob = base64.b64decode(openssh_line(public_key, "").split()[1])
    fingerprint = base64.b64encode(hashlib.sha256(ssh_blob).digest()).decode("ascii").rstrip("=")
    write("flower_p384.fingerprint", f"SHA256:{fingerprint}\n")
    write(
        "flower_headers.txt",
        f"flwr-public-key: {b64(public_bytes)}\n"
        f"flwr-timestamp: {timestamp}\n"
        f"flwr-signature: {b64(signature)}\n",
    )

    # A P-256 key in SEC1 ("EC PRIVATE KEY") form, with its public key as Flower serializes it.
    p256 = ec.generate_private_key(ec.SECP256R1())
    write(
        "p256_sec1_private.pem",
        p256.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        ).decode("ascii"),
    )
    write("p256_public.pem", public_key_to_bytes(p256.public_key()).decode("ascii"))

    # A P-256 node key as `ssh-keygen -t ecdsa -N ""` writes it (Flower's --auth-supernode-private-key form).
    ssh_key = ec.generate_private_key(ec.SECP256R1())
    write(
        "p256_openssh_private",
        ssh_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        ).decode("ascii"),
    )
    write("p256_openssh_private.pub", openssh_line(ssh_key.public_key(), "ssh-node") + "\n")

    # Python's isoformat for instants with and without microseconds: "epoch-microseconds text".
    instants = [
        datetime.datetime(2026, 11, 23, 19, 47, 9, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2026, 11, 23, 19, 47, 9, 0, tzinfo=datetime.UTC),
        datetime.datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=datetime.UTC),
        datetime.datetime(1999, 12, 31, 0, 0, 0, 10, tzinfo=datetime.UTC),
        datetime.datetime(2026, 1, 1, 0, 0, 0, 500000, tzinfo=datetime.UTC),
    ]
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    write(
        "timestamps.txt",
        "".join(f"{(t - epoch) // datetime.timedelta(microseconds=1)} {t.isoformat()}\n" for t in instants),
    )

    # An allow-list in every accepted form: OpenSSH with comment, CSV of OpenSSH keys, PEM, header base64.
    others = [ec.generate_private_key(c).public_key() for c in (ec.SECP256R1(), ec.SECP384R1(), ec.SECP256R1())]
    write(
        "authorized_keys.txt",
        "# Nodes allowed on the test server\n\n"
        + openssh_line(public_key, "flower-node") + "\n"
        + ",".join(openssh_line(k, "").strip() for k in others[:2]) + "\n"
        + "  # a PEM block\n"
        + public_key_to_bytes(p256.public_key()).decode("ascii")
        + b64(public_key_to_bytes(others[2])) + "\n",
    )


def verify(public_key_b64: str, timestamp: str, signature_b64: str) -> None:
    public_key = bytes_to_public_key(base64.b64decode(public_key_b64, validate=True))
    ok = verify_signature(public_key, timestamp.encode("ascii"), base64.b64decode(signature_b64, validate=True))
    parsed = datetime.datetime.fromisoformat(timestamp)
    print(f"signature valid: {ok}; timestamp parses as {parsed.isoformat()}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "verify":
        verify(*sys.argv[2:])
    else:
        generate()

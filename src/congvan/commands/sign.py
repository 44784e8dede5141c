"""``congvan sign IN.pdf -o OUT.pdf --role signer|organisation|attachment``: ND30's digital signatures.

The competent person signs first (``--role signer``, with their signature image), then the văn thư
gives the number (``--number``, or the next one of the register of outgoing documents with
``--register R``) and date and applies the organisation's signature with the seal (``--role
organisation``); an attachment in a separate file gets the organisation's signature alone (``--role
attachment``). See docs/signing.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

ROLES = ("signer", "organisation", "attachment")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sign",
        help="digitally sign a letter's PDF (ND30: signer, then organisation; or an attachment)",
        description="Sign a PDF as ND30 asks: --role signer places the signature image between the signer's "
        "title and name and signs; --role organisation (only on a PDF the signer has validly signed) fills the "
        "number and date, places the seal over the left third of the signature and signs; --role attachment "
        "signs a separate attachment with the text block 'Số: …; <time>' at the top right of page 1. "
        "Nothing is written when anything is wrong (exit 2).",
    )
    parser.add_argument("pdf", metavar="IN.pdf", help="the PDF to sign")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="where to write the signed PDF")
    parser.add_argument("--role", required=True, choices=ROLES, help="who signs")
    source = parser.add_argument_group("key (one of)")
    keys = source.add_mutually_exclusive_group(required=True)
    keys.add_argument("--p12", metavar="FILE.p12", help="a PKCS#12 file (.p12, .pfx) with key and certificate")
    keys.add_argument("--key", metavar="KEY.pem", help="a private key file (PEM or DER), with --cert")
    keys.add_argument("--pkcs11", metavar="MODULE.so", help="a PKCS#11 module (a USB token's driver, an HSM)")
    source.add_argument("--password-file", metavar="F", help="the PKCS#12 file's or key's password, on its first line")
    source.add_argument("--cert", metavar="CERT.pem", help="the signer's certificate (with --key; or for a token)")
    source.add_argument(
        "--chain", metavar="CHAIN.pem", action="append", default=[], help="CA certificates to embed (repeatable)"
    )
    source.add_argument("--token", metavar="LABEL", help="the PKCS#11 token's label")
    source.add_argument("--key-label", metavar="LABEL", help="the key's label on the token")
    source.add_argument("--pin-file", metavar="F", help="the token's user PIN, on its first line (else asked)")
    look = parser.add_argument_group("what the signature shows")
    look.add_argument("--image", metavar="PNG", help="signer: the signature image (blue); organisation: the seal (red)")
    look.add_argument("--seal-size", metavar="36mm", help="the seal's real width, unless the PNG's DPI gives it")
    look.add_argument("--number", metavar='"07/BTTTT-TTĐN"', help="the number given at issue (or the main letter's)")
    look.add_argument("--date", metavar="YYYY-MM-DD", type=_date, help="the issue date (default: today, Vietnam time)")
    issue = parser.add_argument_group("the number from the register (--role organisation)")
    issue.add_argument(
        "--register",
        metavar="R",
        help="the register of outgoing documents (an SQLite file or a postgresql:// URL, see congvan register): "
        "the next number is taken from it instead of --number, and the signed file's name and SHA-256 are recorded",
    )
    issue.add_argument("--register-name", metavar="NAME", help="which register (sổ) of R (default: outgoing)")
    issue.add_argument("--subject", metavar='"…"', help="the trích yếu for the register (default: the PDF's title)")
    parser.add_argument("--tsa", metavar="URL", help="an RFC 3161 timestamp server")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from congvan.signing import sign_pdf

    check_register_options(args)
    if args.register is not None:
        result = sign_from_register(args)
    else:
        result = sign_pdf(
            args.pdf,
            args.output,
            role=args.role,
            key=key_from_arguments(args),
            image=args.image,
            seal_size=args.seal_size,
            number=args.number,
            issued_on=args.date,
            tsa=args.tsa,
        )
    for warning in result.warnings:
        print(f"congvan sign: warning: {warning}", file=sys.stderr)
    details = [result.role.value, result.signing_time.isoformat()]
    if result.number:
        details.append(f"Số: {result.number}" + (", taken from the register" if args.register is not None else ""))
    print(f"wrote {result.path} ({'; '.join(details)})")
    return 0


def check_register_options(args: argparse.Namespace) -> None:
    """--register is the văn thư's (Điều 15.3), instead of --number; --register-name and --subject go with it."""
    from congvan.errors import SigningError

    if args.register is None:
        for option, value in (("--register-name", args.register_name), ("--subject", args.subject)):
            if value is not None:
                raise SigningError(f"{option} names what goes into the register: use it with --register R")
        return
    if args.role != "organisation":
        raise SigningError(
            "--register gives the number at issue, when the văn thư signs for the organisation (ND30 Điều 15.3): "
            "use it with --role organisation"
        )
    if args.number is not None:
        raise SigningError("--number and --register both give the number: give one of them")


def sign_from_register(args: argparse.Namespace):  # -> congvan.signing.SignedPdf
    """The organisation's signature with the next number of the register (ND30 Điều 15.1, 15.3, 16)."""
    from congvan.register import Register
    from congvan.signing.issue import issue_with_register

    key = key_from_arguments(args)
    with Register(args.register) as register:
        return issue_with_register(
            args.pdf,
            args.output,
            register=register,
            key=key,
            image=args.image,
            seal_size=args.seal_size,
            issued_on=args.date,
            subject=args.subject,
            book=args.register_name,
            tsa=args.tsa,
        )


def key_from_arguments(args: argparse.Namespace):  # -> congvan.signing.SigningKey
    """The key source the options name; passwords and PINs from their files or asked for on a terminal."""
    from congvan.signing.keys import KeyOptions, key_from_options

    options = KeyOptions(
        p12=args.p12,
        key=args.key,
        cert=args.cert,
        chain=tuple(args.chain),
        pkcs11=args.pkcs11,
        token=args.token,
        key_label=args.key_label,
        password_file=args.password_file,
        pin_file=args.pin_file,
    )
    return key_from_options(options, ask=terminal_prompt())


def terminal_prompt():  # -> Callable[[str], str] | None
    """``getpass`` when a person sits at a terminal to answer, else None."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass
    return None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-03-05")

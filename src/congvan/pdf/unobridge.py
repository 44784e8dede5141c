"""The UNO side of a warm LibreOffice: run by LibreOffice's own Python, never imported by congvan.

    python3 -I unobridge.py PIPE_NAME SOFFICE [ARGS...]

It starts ``SOFFICE ARGS`` (which must include ``--accept=pipe,name=PIPE_NAME;urp;``), connects
to it over UNO and then converts, one JSON line at a time on standard input::

    {"source": "/abs/letter.docx", "target": "/abs/letter.pdf"}

answering each with one JSON line on standard output: ``{"ok": true}``, or ``{"ok": false,
"error": "...", "lost": true|false}`` where ``lost`` means LibreOffice itself went away. The
first line it writes says whether LibreOffice is ready: ``{"ready": true, "pid": N}`` or
``{"ready": false, "error": "..."}``. At the end of its input (the caller closed it, or died)
it stops LibreOffice and exits. Only the standard library and ``uno`` are used: this file runs
outside congvan's environment, under the Python that LibreOffice's UNO bridge belongs to.
"""

import json
import os
import signal
import subprocess
import sys
import time

# ``uno`` is imported once LibreOffice is starting (see main): the two take their time side by side.
uno = PropertyValue = NoConnectException = DisposedException = None

#: How often the connection is tried while LibreOffice starts.
POLL = 0.02
#: Load without running macros (NEVER_EXECUTE) and without updating links to other files (NO_UPDATE).
LOAD = (("Hidden", True), ("ReadOnly", True), ("MacroExecutionMode", 0), ("UpdateDocMode", 0))
EXPORT_FILTER = "writer_pdf_Export"
#: Word bookmarks become PDF named destinations (a combined PDF is split at them).
EXPORT_DATA = (("ExportBookmarksToPDFDestination", True),)


def properties(pairs):
    return tuple(PropertyValue(Name=name, Value=value) for name, value in pairs)


def reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def connect(pipe, office):
    """The desktop of the LibreOffice listening on ``pipe``; None when ``office`` exits first."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if office.poll() is not None:
                return None
            time.sleep(POLL)


def convert(desktop, source, target):
    """Load ``source`` and write its PDF to ``target``; the document, still open, for `close` (after the answer)."""
    url = uno.systemPathToFileUrl(source)
    document = desktop.loadComponentFromURL(url, "_blank", 0, properties(LOAD))
    if document is None:
        raise ValueError("LibreOffice could not load it")
    try:
        data = uno.Any("[]com.sun.star.beans.PropertyValue", properties(EXPORT_DATA))
        export = properties((("FilterName", EXPORT_FILTER), ("FilterData", data), ("Overwrite", True)))
        document.storeToURL(uno.systemPathToFileUrl(target), export)
    except BaseException:
        close(document)
        raise
    return document


def close(document):
    try:
        document.close(True)
    except Exception:  # noqa: BLE001 - a document LibreOffice already let go of
        pass


def serve(desktop, office):
    for line in sys.stdin:
        request = json.loads(line)
        try:
            document = convert(desktop, request["source"], request["target"])
        except DisposedException as error:
            reply({"ok": False, "lost": True, "error": f"LibreOffice went away ({error.Message or 'disposed'})"})
            return
        except Exception as error:  # noqa: BLE001 - every UNO error is the document's answer
            lost = office.poll() is not None
            message = getattr(error, "Message", "") or str(error) or type(error).__name__
            reply({"ok": False, "lost": lost, "error": f"{type(error).__name__}: {message}"})
            if lost:
                return
        else:
            # The PDF is complete once storeToURL returns: answer first, so that the caller moves it
            # and sends the next document while LibreOffice closes this one (about 5 ms). Should the
            # close take LibreOffice down, the next document finds it gone and is tried again.
            reply({"ok": True})
            close(document)


def import_uno():
    global uno, PropertyValue, NoConnectException, DisposedException
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
    from com.sun.star.lang import DisposedException


def main():
    pipe, command = sys.argv[1], sys.argv[2:]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the caller handles Ctrl-C and stops this group
    office = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    import_uno()
    desktop = connect(pipe, office)
    if desktop is None:
        reply({"ready": False, "error": f"LibreOffice exited with status {office.returncode} before it was ready"})
        return
    reply({"ready": True, "pid": office.pid})
    try:
        serve(desktop, office)
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass
        try:
            office.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(os.getpgrp(), signal.SIGKILL)


if __name__ == "__main__":
    main()

"""A small SMTP server for tests: it speaks enough SMTP for Django's backend, keeps every
message it accepts, and can be slow, so a test can kill a worker in the middle of a batch.

Python 3.12 no longer ships `smtpd`, and the worker under test runs in another process,
so `mail.outbox` cannot see what it sends; this sees it over a real SMTP connection.
"""

import socketserver
import threading
import time
from email import message_from_bytes
from email.message import Message


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        sink: SmtpSink = self.server.sink
        self.reply("220 sink ESMTP ready")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 sink")
            elif command == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                time.sleep(sink.delay)
                sink.accept(message_from_bytes(b"".join(data)))
                self.reply("250 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self.reply("250 ok")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    """with SmtpSink(delay=0.2) as sink: ... sink.port, sink.messages"""

    def __init__(self, *, delay: float = 0.0):
        self.delay = delay
        self.messages: list[Message] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]

    def accept(self, message: Message) -> None:
        with self._lock:
            self.messages.append(message)

    def recipients(self) -> list[str]:
        with self._lock:
            return [m["To"] for m in self.messages]

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

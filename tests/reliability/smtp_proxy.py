"""A TCP proxy in front of the test's SMTP server that can stop a message in mid-delivery.

While holding, the proxy forwards a client's SMTP commands up to, not including, DATA, sets
`data_held` and waits for `release()`; the mail server never sees that message unless it is
released. A drill uses this to catch a worker in the middle of sending an email, deterministically,
without any hook in the application.
"""

import contextlib
import socket
import threading
from typing import Self

from tests.services import HOST, Running

BUFFER_SIZE = 65536


class HoldingSMTPProxy(Running):
    def __init__(self, upstream_host: str, upstream_port: int, *, hold: bool) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.data_held = threading.Event()
        self._released = threading.Event()
        if not hold:
            self._released.set()
        self._listener = socket.create_server((HOST, 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"smtp://{HOST}:{self.port}"

    def release(self) -> None:
        """Lets the held message, and every later one, through."""
        self._released.set()

    def start(self) -> Self:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._released.set()
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(self.upstream)
            with self._lock:
                self._sockets += [client, server]
            threading.Thread(target=self._commands, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    def _commands(self, client: socket.socket, server: socket.socket) -> None:
        """Client to server: line by line until DATA (held if need be), then byte for byte."""
        pending = b""
        try:
            while True:
                chunk = client.recv(BUFFER_SIZE)
                if not chunk:
                    break
                pending += chunk
                while b"\r\n" in pending:
                    line, pending = pending.split(b"\r\n", 1)
                    if line.strip().upper() == b"DATA" and not self._released.is_set():
                        self.data_held.set()
                        self._released.wait()
                    server.sendall(line + b"\r\n")
                    if line.strip().upper() == b"DATA":
                        server.sendall(pending)
                        self._pump(client, server)
                        return
        except OSError:
            pass
        finally:
            _close(client, server)

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(BUFFER_SIZE):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            _close(source, target)


def _close(*sockets: socket.socket) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):  # already closed by the other side
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

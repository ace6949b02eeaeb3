"""A fault-injecting TCP proxy between a sync client and the server (threads, no deps).

Faults, set on the live proxy between requests:
* ``latency`` (seconds, each direction) and ``bandwidth`` (bytes/s, each direction);
* ``drop_responses = n``: the next n responses are swallowed and the client's
  connection reset, *after* the server has answered (so after it committed);
* ``hang_responses = n``: the next n responses are held back for ever (the client
  must time out);
* ``cut_upload_every = n``: a connection is reset after n bytes went client -> server;
* ``refuse = True``: new connections are closed at once.
``bytes_up`` counts every byte forwarded client -> server.
"""

from __future__ import annotations

import collections
import socket
import struct
import threading
import time


def _reset(sock: socket.socket) -> None:
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    try:
        # shutdown wakes a thread blocked in recv on this socket; close alone does not.
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class _Link:
    """One client connection and its upstream twin."""

    def __init__(self, proxy: FaultProxy, client: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream = socket.create_connection(("127.0.0.1", proxy.target_port))
        for s in (self.client, self.upstream):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.closed = threading.Event()
        self.up_bytes = 0

    def start(self) -> None:
        for src, dst, up in (
            (self.client, self.upstream, True),
            (self.upstream, self.client, False),
        ):
            queue: collections.deque[tuple[float, bytes]] = collections.deque()
            ready = threading.Condition()
            threading.Thread(target=self._read, args=(src, queue, ready, up), daemon=True).start()
            threading.Thread(target=self._write, args=(dst, queue, ready, up), daemon=True).start()

    def close(self) -> None:
        if not self.closed.is_set():
            self.closed.set()
            _reset(self.client)
            _reset(self.upstream)

    def _read(self, src: socket.socket, queue, ready, up: bool) -> None:  # type: ignore[no-untyped-def]
        p = self.proxy
        first_response = True
        while not self.closed.is_set():
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                with ready:
                    queue.append((0.0, b""))
                    ready.notify()
                return
            if up:
                limit = p.cut_upload_every
                if limit and self.up_bytes + len(data) >= limit:
                    keep = max(0, limit - self.up_bytes)
                    data = data[:keep]
                    self.up_bytes += len(data)
                    with p.lock:
                        p.bytes_up += len(data)
                        p.cuts += 1
                    with ready:
                        queue.append((time.monotonic(), data))
                        queue.append((time.monotonic(), b"<cut>"))
                        ready.notify()
                    return
                self.up_bytes += len(data)
                with p.lock:
                    p.bytes_up += len(data)
            elif first_response:
                first_response = False
                with p.lock:
                    if p.drop_responses > 0:
                        p.drop_responses -= 1
                        p.dropped += 1
                        action = "drop"
                    elif p.hang_responses > 0:
                        p.hang_responses -= 1
                        p.hung += 1
                        action = "hang"
                    else:
                        action = ""
                if action == "drop":
                    self.close()
                    return
                if action == "hang":
                    self.closed.wait(p.hang_seconds)
                    self.close()
                    return
            with ready:
                queue.append((time.monotonic(), data))
                ready.notify()

    def _write(self, dst: socket.socket, queue, ready, up: bool) -> None:  # type: ignore[no-untyped-def]
        p = self.proxy
        paced = 0.0  # when the link is free again at the set bandwidth
        while True:
            with ready:
                while not queue and not self.closed.is_set():
                    ready.wait(0.5)
                if self.closed.is_set() and not queue:
                    return
                arrived, data = queue.popleft()
            if data == b"<cut>":
                # Let the bytes before the cut reach the server, as on a real link.
                time.sleep(0.05)
                self.close()
                return
            if not data:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            wait = arrived + p.latency - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                if p.bandwidth:
                    # Paced against the clock, not slept per part: time spent sending
                    # (or waiting for the interpreter) is not added on top.
                    step = max(1024, int(p.bandwidth / 100))
                    for i in range(0, len(data), step):
                        part = data[i : i + step]
                        now = time.monotonic()
                        if paced > now:
                            time.sleep(paced - now)
                        dst.sendall(part)
                        paced = max(paced, now) + len(part) / p.bandwidth
                else:
                    dst.sendall(data)
            except OSError:
                self.close()
                return


class FaultProxy:
    def __init__(self, target_port: int, port: int = 0) -> None:
        self.target_port = target_port
        self.lock = threading.Lock()
        self.latency = 0.0
        self.bandwidth = 0  # bytes per second; 0 = unlimited
        self.drop_responses = 0
        self.hang_responses = 0
        self.hang_seconds = 30.0
        self.cut_upload_every = 0
        self.refuse = False
        self.bytes_up = 0
        self.cuts = 0
        self.dropped = 0
        self.hung = 0
        self._links: list[_Link] = []
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", port))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.refuse:
                _reset(client)
                continue
            try:
                link = _Link(self, client)
            except OSError:  # the server is down: the client sees a reset
                _reset(client)
                continue
            self._links.append(link)
            link.start()

    def calm(self) -> None:
        """No faults from now on; open connections are closed."""
        self.latency = 0.0
        self.bandwidth = 0
        self.drop_responses = self.hang_responses = self.cut_upload_every = 0
        self.refuse = False
        self.drop_all()

    def drop_all(self) -> None:
        for link in self._links:
            link.close()
        self._links.clear()

    def close(self) -> None:
        self._stop.set()
        self.drop_all()
        self._listener.close()


def main() -> None:
    """``python faultproxy.py TARGET_PORT [--latency S] [--bandwidth BYTES_PER_S]``: a
    proxy in a process of its own (benchmarks), its URL on the first line of stdout."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("target_port", type=int)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--bandwidth", type=int, default=0)
    args = parser.parse_args()
    proxy = FaultProxy(args.target_port)
    proxy.latency, proxy.bandwidth = args.latency, args.bandwidth
    print(proxy.url, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()

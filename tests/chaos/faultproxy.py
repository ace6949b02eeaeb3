"""A fault-injecting TCP proxy between a sync client and the server (threads, no deps).

Faults, set on the live proxy between requests:
* ``latency`` (seconds, each direction) and ``bandwidth`` (bytes/s, each direction);
* ``drop_responses = n``: the next n responses are swallowed and the client's
  connection reset, *after* the server has answered (so after it committed);
* ``hang_responses = n``: the next n responses are held back for ever (the client
  must time out);
* ``cut_upload_every = n``: a connection is reset after n bytes went client -> server;
* ``silent_cut_upload_after = n``: after n bytes client -> server a connection goes
  silent: nothing more is read or forwarded either way and no reset is sent (a NAT
  entry or a middlebox that forgot the connection); it is closed after
  ``hang_seconds``;
* ``lose_answers(request, n)``: the next n answers to requests whose first line
  contains ``request`` (e.g. ``"GET /api/v1/sync/pull"``) are swallowed and the
  connection reset, after the server answered (so after it committed), on any
  request of a kept-alive connection; ``silence_answers(request, n)`` swallows them
  without a reset (the connection goes silent, as above);
* ``refuse = True``: new connections are closed at once.
``bytes_up`` counts every byte forwarded client -> server. Each direction holds at
most ``buffer_limit`` bytes in flight, as a real link does: a client sending faster
than ``bandwidth`` waits, instead of handing the proxy megabytes at once.
"""

from __future__ import annotations

import collections
import re
import socket
import struct
import threading
import time

_REQUEST_LINE = re.compile(rb"^(GET|POST|PUT|HEAD|DELETE|PATCH) \S+ HTTP/1\.[01]\r\n")


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
        self.silent = threading.Event()
        self.up_bytes = 0
        # The first line of the request being answered, and whether its answer began.
        self.request = b""
        self.answering = False

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

    def _go_silent(self) -> None:
        """Stop reading and forwarding both ways, send nothing; close after hang_seconds."""
        with self.proxy.lock:
            self.proxy.silent_cuts += 1
        self.silent.set()
        self.closed.wait(self.proxy.hang_seconds)
        self.close()

    def _read(self, src: socket.socket, queue, ready, up: bool) -> None:  # type: ignore[no-untyped-def]
        p = self.proxy
        first_response = True
        while not self.closed.is_set():
            with ready:  # back-pressure: a link holds only so much in flight
                while sum(len(d) for _, d in queue) >= p.buffer_limit and not self.closed.is_set():
                    ready.wait(0.05)
            if self.silent.is_set():
                self.closed.wait()
                return
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if self.silent.is_set():
                self.closed.wait()
                return
            if not data:
                with ready:
                    queue.append((0.0, b""))
                    ready.notify()
                return
            if up and _REQUEST_LINE.match(data):
                self.request = data.split(b"\r\n", 1)[0]
                self.answering = False
            if up and p.silent_cut_upload_after:
                limit = p.silent_cut_upload_after
                if self.up_bytes + len(data) >= limit:
                    keep = max(0, limit - self.up_bytes)
                    self.up_bytes += keep
                    with p.lock:
                        p.bytes_up += keep
                    with ready:
                        queue.append((time.monotonic(), data[:keep]))
                        ready.notify()
                    time.sleep(0.05)  # the bytes before the cut reach the server
                    self._go_silent()
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
            elif not self.answering:
                self.answering = True
                lost = ""
                with p.lock:
                    for rule in p.lost_answers:
                        if rule[1] > 0 and rule[0] in self.request:
                            rule[1] -= 1
                            p.answers_lost += 1
                            lost = rule[2]
                            break
                if lost == "reset":
                    self.close()
                    return
                if lost == "silent":
                    self._go_silent()
                    return
            if not up and first_response:
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
                while (not queue or self.silent.is_set()) and not self.closed.is_set():
                    ready.wait(0.5)
                if self.closed.is_set() and (not queue or self.silent.is_set()):
                    return
                arrived, data = queue.popleft()
                ready.notify_all()  # room again for the reader
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
                bandwidth = p.bandwidth  # read once: calm() may reset it meanwhile
                if bandwidth:
                    # Paced against the clock, not slept per part: time spent sending
                    # (or waiting for the interpreter) is not added on top.
                    step = max(1024, int(bandwidth / 100))
                    for i in range(0, len(data), step):
                        part = data[i : i + step]
                        now = time.monotonic()
                        if paced > now:
                            time.sleep(paced - now)
                        dst.sendall(part)
                        paced = max(paced, now) + len(part) / bandwidth
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
        self.silent_cut_upload_after = 0
        # [request line part, answers left to lose, "reset" | "silent"]
        self.lost_answers: list[list] = []
        self.buffer_limit = 256 * 1024
        self.refuse = False
        self.bytes_up = 0
        self.cuts = 0
        self.silent_cuts = 0
        self.answers_lost = 0
        self.dropped = 0
        self.hung = 0
        self._links: list[_Link] = []
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # A modest receive window, inherited by every accepted connection: loopback
        # would otherwise let megabytes sit in the proxy's kernel buffer, "sent" as
        # far as the client knows, which no real link holds.
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 128 * 1024)
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

    def lose_answers(self, request: str, n: int = 1) -> None:
        """Swallow the next ``n`` answers to requests whose first line contains ``request``
        (after the server answered), resetting the client's connection."""
        with self.lock:
            self.lost_answers.append([request.encode("ascii"), n, "reset"])

    def silence_answers(self, request: str, n: int = 1) -> None:
        """Hold back the next ``n`` answers to requests whose first line contains
        ``request``: no reset, the connection just goes silent (closed after
        ``hang_seconds``)."""
        with self.lock:
            self.lost_answers.append([request.encode("ascii"), n, "silent"])

    def calm(self) -> None:
        """No faults from now on; open connections are closed."""
        self.latency = 0.0
        self.bandwidth = 0
        self.drop_responses = self.hang_responses = self.cut_upload_every = 0
        self.silent_cut_upload_after = 0
        with self.lock:
            self.lost_answers.clear()
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

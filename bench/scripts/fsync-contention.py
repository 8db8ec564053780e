#!/usr/bin/env python3
"""How much one append + fdatasync slows down when other processes sync the same disk at once.

Each of N processes appends 32-byte records to its own file in DIR and fdatasyncs after each, for
SECONDS; prints the mean and median latency per sync and the total syncs/s for N = 1, 2, 3.
Three Raft replicas on one machine sync one disk this way. Usage:
    bench/scripts/fsync-contention.py [DIR (default /var/tmp)] [SECONDS (default 4)]
"""
import os
import sys
import time
from multiprocessing import Process, Queue


def writer(path, seconds, out, record_bytes=32):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
    buf = b"x" * record_bytes
    lat = []
    end = time.time() + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        os.write(fd, buf)
        os.fdatasync(fd)
        lat.append(time.perf_counter() - t0)
    os.close(fd)
    os.unlink(path)
    lat.sort()
    out.put((sum(lat) / len(lat) * 1e6, lat[len(lat) // 2] * 1e6, len(lat)))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/var/tmp"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 4.0
    for n in (1, 2, 3):
        out = Queue()
        procs = [Process(target=writer, args=(os.path.join(directory, f"fsync-contention-{os.getpid()}-{i}"), seconds, out))
                 for i in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        res = [out.get() for _ in procs]
        print(f"{n} concurrent writer(s): mean {sum(r[0] for r in res) / n:.0f} us, p50 {sum(r[1] for r in res) / n:.0f} us"
              f" per append+fdatasync; {sum(r[2] for r in res) / seconds:.0f} syncs/s in all")


if __name__ == "__main__":
    main()

"""multiprocessing for elide: the API over one process.

elide has no fork-based workers. A Pool runs each task in the calling thread
when its result is asked for by map/starmap/apply (in order, so results and
exceptions are those of CPython for functions without side effects on shared
state); the *_async forms run the task at once and hand back a ready result.
Process is a thread, Queue is queue.Queue, the locks are threading's.
"""
import os as _os
import threading as _threading
import queue as _queue

__all__ = ["cpu_count", "Pool", "Process", "Queue", "JoinableQueue", "Lock", "RLock",
           "Event", "Semaphore", "BoundedSemaphore", "Condition", "Barrier",
           "current_process", "freeze_support", "set_start_method", "get_start_method",
           "TimeoutError", "ProcessError"]


class ProcessError(Exception):
    pass


class TimeoutError(ProcessError):
    pass


def cpu_count():
    return _os.cpu_count()


def freeze_support():
    pass


_start_method = None


def set_start_method(method, force=False):
    global _start_method
    _start_method = method


def get_start_method(allow_none=False):
    if _start_method is None and not allow_none:
        return "fork"
    return _start_method


def get_all_start_methods():
    return ["fork", "spawn", "forkserver"]


Lock = _threading.Lock
RLock = _threading.RLock
Event = _threading.Event
Semaphore = _threading.Semaphore
BoundedSemaphore = _threading.BoundedSemaphore
Condition = _threading.Condition
Barrier = _threading.Barrier


class Queue(_queue.Queue):
    def __init__(self, maxsize=0):
        super().__init__(maxsize)

    def close(self):
        pass

    def join_thread(self):
        pass


JoinableQueue = Queue
SimpleQueue = Queue


class _MainProcess:
    name = "MainProcess"
    daemon = False
    pid = _os.getpid() if hasattr(_os, "getpid") else 0
    exitcode = None


_current = _MainProcess()


def current_process():
    p = getattr(_threading.current_thread(), "_mp_process", None)
    return p if p is not None else _current


def parent_process():
    return None


def active_children():
    return [p for p in _children if p.is_alive()]


_children = []
_counter = [0]


class Process:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        _counter[0] += 1
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs or {})
        self.name = name if name is not None else "Process-%d" % _counter[0]
        self.daemon = bool(daemon)
        self.exitcode = None
        self._thread = None

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)

    def _bootstrap(self):
        try:
            self.run()
            self.exitcode = 0
        except SystemExit as e:
            self.exitcode = e.code if isinstance(e.code, int) else 1
        except BaseException:
            self.exitcode = 1
            raise

    def start(self):
        if self._thread is not None:
            raise AssertionError("cannot start a process twice")
        self._thread = _threading.Thread(target=self._bootstrap, name=self.name, daemon=self.daemon)
        self._thread._mp_process = self
        _children.append(self)
        self._thread.start()

    def join(self, timeout=None):
        if self._thread is None:
            raise AssertionError("can only join a started process")
        self._thread.join(timeout)

    def is_alive(self):
        return self._thread is not None and self._thread.is_alive()

    @property
    def pid(self):
        return None if self._thread is None else self._thread.ident

    @property
    def ident(self):
        return self.pid

    def terminate(self):
        pass

    def kill(self):
        pass

    def close(self):
        pass

    def __repr__(self):
        state = "initial" if self._thread is None else ("started" if self.is_alive() else "stopped")
        return "<Process name=%r %s>" % (self.name, state)


class AsyncResult:
    def __init__(self, func, args, kwds, callback=None, error_callback=None):
        self._ok = True
        try:
            self._value = func(*args, **kwds)
        except Exception as e:
            self._ok = False
            self._value = e
        if self._ok and callback is not None:
            callback(self._value)
        if not self._ok and error_callback is not None:
            error_callback(self._value)

    def ready(self):
        return True

    def successful(self):
        return self._ok

    def wait(self, timeout=None):
        pass

    def get(self, timeout=None):
        if self._ok:
            return self._value
        raise self._value


ApplyResult = AsyncResult
MapResult = AsyncResult


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        if processes is None:
            processes = cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        self._processes = processes
        self._state = "RUN"
        if initializer is not None:
            initializer(*initargs)

    def _check_running(self):
        if self._state != "RUN":
            raise ValueError("Pool not running")

    def apply(self, func, args=(), kwds={}):
        self._check_running()
        return func(*args, **kwds)

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        return AsyncResult(func, args, kwds, callback, error_callback)

    def map(self, func, iterable, chunksize=None):
        self._check_running()
        return list(map(func, iterable))

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        return AsyncResult(lambda: list(map(func, iterable)), (), {}, callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        self._check_running()
        return [func(*a) for a in iterable]

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        return AsyncResult(lambda: [func(*a) for a in iterable], (), {}, callback, error_callback)

    def imap(self, func, iterable, chunksize=1):
        self._check_running()
        return map(func, iterable)

    def imap_unordered(self, func, iterable, chunksize=1):
        self._check_running()
        return map(func, iterable)

    def close(self):
        self._state = "CLOSE"

    def terminate(self):
        self._state = "TERMINATE"

    def join(self):
        if self._state == "RUN":
            raise ValueError("Pool is still running")

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()


class _Context:
    Process = Process
    Pool = Pool
    Queue = Queue
    Lock = Lock

    def __init__(self, method=None):
        self._method = method

    def get_start_method(self, allow_none=False):
        return self._method or "fork"


def get_context(method=None):
    return _Context(method)

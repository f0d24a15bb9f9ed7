"""A process's own copy of values it read from the shared cache, under the same keys.

``pagecache.memo()`` keys every value by the content version, which a change of public content
renews in the shared cache (read once per request): a key never names two different values,
so a process may keep what it read under that key and skip the shared cache's round trip and
the unpickling next time (about 1 ms for a page's main HTML from Redis or the file cache).
When the version changes, the old keys are never asked again and age out of this store.

What a caller gets must not let it change what the next request gets: only values nothing can
change (text, numbers, dates, tuples and frozensets of them) are handed out as they are; a
list, dict or array of such values is handed out as a fresh shallow copy; anything else is
not kept here (unless the caller promises not to change it: ``shared=True``).
"""

import sys
import threading
import time
from array import array
from collections import OrderedDict
from datetime import date
from datetime import time as clock_time
from decimal import Decimal

_IMMUTABLE = (str, bytes, int, float, bool, type(None), Decimal, date, clock_time)
# A guess for a value whose size is not measured (a shared object): erring on the big side.
_SHARED_ITEM_BYTES = 2048


def _identity(value):
    return value


def _copy_slice(value):
    return value[:]


def _immutable_size(value):
    """Roughly how many bytes ``value`` holds, or None when any part of it can be changed."""
    if isinstance(value, _IMMUTABLE):
        return sys.getsizeof(value)
    if isinstance(value, tuple | frozenset):
        total = sys.getsizeof(value)
        for item in value:
            size = _immutable_size(item)
            if size is None:
                return None
            total += size
        return total
    return None


def _keepable(value, shared):
    """(size, how to hand the value out), or None when it must not be kept."""
    size = _immutable_size(value)
    if size is not None:
        return size, _identity
    if isinstance(value, array):
        return sys.getsizeof(value), _copy_slice
    if isinstance(value, list):
        sizes = [_immutable_size(item) for item in value]
        if None not in sizes:
            return sys.getsizeof(value) + sum(sizes), list
    if isinstance(value, dict):
        sizes = [_immutable_size(item) for pair in value.items() for item in pair]
        if None not in sizes:
            return sys.getsizeof(value) + sum(sizes), dict
    if shared:
        items = len(value) if hasattr(value, "__len__") else 1
        return sys.getsizeof(value) + items * _SHARED_ITEM_BYTES, _identity
    return None


class LocalStore:
    """Values by key, each until its time is up, the least recently used dropped beyond
    ``max_bytes``; safe to share between a process's threads."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._items = OrderedDict()  # key: (expires at, value, hand out, size)
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return default
            expires, value, hand_out, size = item
            if expires <= time.monotonic():
                del self._items[key]
                self._size -= size
                return default
            self._items.move_to_end(key)
        return hand_out(value)

    def set(self, key, value, seconds, shared=False):
        """Keep ``value`` for ``seconds``; returns what a caller may use (a copy if needed)."""
        keepable = _keepable(value, shared)
        if keepable is None or seconds is None or seconds <= 0:
            return value
        size, hand_out = keepable
        if size > self.max_bytes // 8:  # one huge value must not empty the store
            return value
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= old[3]
            self._items[key] = (time.monotonic() + seconds, value, hand_out, size)
            self._size += size
            while self._size > self.max_bytes and self._items:
                _key, (_expires, _value, _hand_out, dropped) = self._items.popitem(last=False)
                self._size -= dropped
        return hand_out(value)

    def clear(self):
        with self._lock:
            self._items.clear()
            self._size = 0

"""A small Cython module the tests build for Windows and call there."""


class ParseError(ValueError):
    """Raised by parse_positive."""


def sum_squares(values):
    cdef long long total = 0
    cdef long long v
    for v in values:
        total += v * v
    return total


def parse_positive(str text):
    cdef long long value = int(text)
    if value <= 0:
        raise ParseError(f"not positive: {text}")  # the line the traceback names
    return value


cdef class Counter:
    cdef public long long count

    def __init__(self, long long start=0):
        self.count = start

    def add(self, long long n=1):
        self.count += n
        return self.count

"""Helpers the tests share: real tools run, outputs read independently, inputs made.

No test module imports another; what two of them need lives here."""
